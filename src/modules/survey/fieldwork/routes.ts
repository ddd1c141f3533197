/**
 * Running a survey (issue #8 §2): the staff pages under
 * /:lgCode/staff/surveys and the residents' answering pages under
 * /:lgCode/answer, as one router for app.ts.
 */
import { Hono } from "hono";
import { answerRoutes } from "./routes-answer.tsx";
import { definitionRoutes } from "./routes-definition.tsx";
import { paperRoutes } from "./routes-paper.tsx";
import { sampleRoutes } from "./routes-sample.tsx";
import { surveyRoutes } from "./routes-surveys.tsx";
import type { FieldworkDeps } from "./route-support.ts";

export function surveyFieldworkRoutes(deps: FieldworkDeps): Hono {
  const r = new Hono();
  r.route("/", answerRoutes(deps));
  r.route("/", surveyRoutes(deps) as unknown as Hono);
  r.route("/", definitionRoutes(deps) as unknown as Hono);
  r.route("/", sampleRoutes(deps) as unknown as Hono);
  r.route("/", paperRoutes(deps) as unknown as Hono);
  return r;
}

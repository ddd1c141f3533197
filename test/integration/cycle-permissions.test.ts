/**
 * The permission matrix: every role × every action on a report (and on a
 * cycle) × the report's own division / a co-responsible division / another
 * division / another municipality. Before each attempt the report is put in
 * the state where the action is legal, so what is tested is who, not when:
 * allowed → 200 (page) or 303 (done), visible but not allowed → 403, another
 * municipality → 404.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/modules/tenancy/roles.ts";
import { publicationFingerprint } from "../../src/modules/cycle/domain/publication.ts";
import { listReports } from "../../src/modules/cycle/repository/report-queries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import {
  CO,
  cycleId,
  INITIATIVE,
  LEAD,
  LG,
  loadPlans,
  openCycleAs,
  OTHER,
  OTHER_LG,
  person,
  reportRow,
  STAFF,
  type Person,
} from "./cycle-support.ts";

type Where = "lead" | "co" | "other" | "foreign";
type Actor = { key: string; role: Role; where: Where; person?: Person; csrf?: string };

const DIVISION_ROLES: Role[] = ["digital_officer", "division_head"];
const OTHER_ROLES: Role[] = ["secretariat", "committee_member", "cio", "viewer", "administrator"];
const READERS: Role[] = ["secretariat", "cio", "committee_member", "viewer"];

const ACTORS: Actor[] = [
  ...DIVISION_ROLES.flatMap((role) => (["lead", "co", "other", "foreign"] as const).map((where) => ({ key: `${role}@${where}`, role, where }))),
  ...OTHER_ROLES.flatMap((role) => (["other", "foreign"] as const).map((where) => ({ key: `${role}@${where}`, role, where }))),
];

const divisionOf = (where: Where) => (where === "lead" || where === "foreign" ? LEAD : where === "co" ? CO : OTHER);

type ReportAction = {
  name: string;
  /** The state the report is put in first. */
  state: string;
  /** Who may (303; 200 for the page). Everyone else in the municipality: 403. */
  allowed: (a: Actor) => boolean;
  request: (a: Actor, page: string, lockVersion: number) => { method: "GET" } | { method: "POST"; path: string; fields: Record<string, string> };
};

const isDivisionRole = (a: Actor) => DIVISION_ROLES.includes(a.role);
const responsible = (a: Actor) => isDivisionRole(a) && (a.where === "lead" || a.where === "co");
const lead = (a: Actor) => isDivisionRole(a) && a.where === "lead";
const only = (...roles: Role[]) => (a: Actor) => roles.includes(a.role);
const post = (path: string, fields: Record<string, string>) => ({ method: "POST" as const, path, fields });
const transition = (action: string, comment = "") => (_a: Actor, page: string, lockVersion: number) =>
  post(`${page}/transition`, { action, comment, lockVersion: String(lockVersion) });

const REPORT_ACTIONS: ReportAction[] = [
  { name: "view", state: "draft", allowed: (a) => READERS.includes(a.role) || responsible(a), request: () => ({ method: "GET" }) },
  {
    name: "save",
    state: "draft",
    allowed: lead,
    request: (_a, page, lockVersion) =>
      post(`${page}/save`, { lockVersion: String(lockVersion), selfGrade: "B", gradeReasons: "理由", issues: "課題", improvementMeasures: "改善策" }),
  },
  { name: "do-entry", state: "draft", allowed: responsible, request: (_a, page) => post(`${page}/do-entries`, { entryDate: "2022-06-01", body: "実施" }) },
  {
    name: "contribution",
    state: "draft",
    allowed: (a) => isDivisionRole(a) && a.where === "co",
    request: (_a, page) => post(`${page}/contribution`, { body: "関係課の取組", version: "" }),
  },
  { name: "approve", state: "draft", allowed: (a) => lead(a) && a.role === "division_head", request: transition("approve") },
  { name: "reopen", state: "head_approved", allowed: (a) => lead(a) && a.role === "division_head", request: transition("reopen") },
  { name: "submit", state: "head_approved", allowed: lead, request: transition("submit") },
  { name: "return", state: "submitted", allowed: only("secretariat", "cio"), request: transition("return", "差戻しの理由") },
  { name: "revise", state: "returned", allowed: responsible, request: transition("revise") },
  { name: "check", state: "submitted", allowed: only("secretariat"), request: transition("check") },
  { name: "comment", state: "in_review", allowed: only("committee_member", "cio", "secretariat"), request: transition("comment", "意見") },
  { name: "finalise", state: "in_review", allowed: only("cio"), request: transition("finalise") },
  {
    name: "change-grade",
    state: "in_review",
    allowed: only("cio"),
    request: (_a, page, lockVersion) => post(`${page}/grade`, { grade: "S", reason: "理由", lockVersion: String(lockVersion) }),
  },
];

type CycleAction = { name: string; allowed: (a: Actor) => boolean; request: (cycle: number) => { method: "GET"; path: string } | { method: "POST"; path: string; fields: Record<string, string> } };

const CYCLE_ACTIONS: CycleAction[] = [
  { name: "hub", allowed: (a) => a.role !== "administrator", request: () => ({ method: "GET", path: `${STAFF}/cycles` }) },
  { name: "open-form", allowed: only("secretariat"), request: () => ({ method: "GET", path: `${STAFF}/cycles/new` }) },
  {
    name: "open",
    allowed: only("secretariat"),
    request: () => post(`${STAFF}/cycles/new`, { fiscalYear: "2023", reportDue: "2024-05-31", reviewDue: "2024-06-14", committeeDue: "2024-06-28" }),
  },
  { name: "overview", allowed: only(...READERS), request: (cycle) => ({ method: "GET", path: `${STAFF}/cycles/${cycle}` }) },
  { name: "publish-preview", allowed: only("secretariat"), request: (cycle) => ({ method: "GET", path: `${STAFF}/cycles/${cycle}/publish` }) },
  { name: "publish-all", allowed: only("secretariat"), request: (cycle) => post(`${STAFF}/cycles/${cycle}/publish`, {}) },
  // Every signed-in role sees its work there (#7 §2): the committee its review queue, the administrator that none waits.
  { name: "my-tasks", allowed: () => true, request: () => ({ method: "GET", path: `${STAFF}/my-tasks` }) },
  { name: "evaluation", allowed: only(...READERS), request: () => ({ method: "GET", path: `${STAFF}/evaluation` }) },
  { name: "outbox", allowed: only("secretariat"), request: () => ({ method: "GET", path: `${STAFF}/outbox` }) },
  { name: "collectives", allowed: only("secretariat"), request: () => ({ method: "GET", path: `${STAFF}/collectives` }) },
];

describeEachDatabase("PDCA cycle: permission matrix", (ctx) => {
  let cycle = 0;
  let foreignCycle = 0;
  let page = "";

  beforeAll(async () => {
    await loadPlans(ctx.db);
    for (const actor of ACTORS) {
      const lgCode = actor.where === "foreign" ? OTHER_LG : LG;
      const division = isDivisionRole(actor) ? divisionOf(actor.where) : undefined;
      actor.person = await person(ctx.db, [actor.role], { lgCode, division });
      await actor.person.browser.get(`/${lgCode}/staff`);
      actor.csrf = actor.person.browser.csrfToken();
    }
    const secretariat = ACTORS.find((a) => a.key === "secretariat@other")!.person!;
    expect((await openCycleAs(secretariat, 2022)).status).toBe(303);
    const foreignSecretariat = ACTORS.find((a) => a.key === "secretariat@foreign")!.person!;
    await foreignSecretariat.browser.get(`/${OTHER_LG}/staff/cycles/new`);
    const opened = await foreignSecretariat.browser.post(`/${OTHER_LG}/staff/cycles/new`, {
      fiscalYear: "2022",
      reportDue: "2023-05-31",
      reviewDue: "2023-06-14",
      committeeDue: "2023-06-28",
    });
    expect(opened.status).toBe(303);
    cycle = await cycleId(ctx.db, LG, 2022);
    foreignCycle = await cycleId(ctx.db, OTHER_LG, 2022);
    page = `${STAFF}/cycles/${cycle}/initiatives/${INITIATIVE}`;
    // A complete self-evaluation, so that approval is possible whenever the matrix asks for it.
    await ctx.db.query(
      `update initiative_report set self_grade = 'B', grade_reasons = '理由', issues = '課題', improvement_measures = '改善策'
        where cycle_id = $1 and initiative_id = (select id from initiative where number = $2 and plan_id = (select plan_id from evaluation_cycle where id = $1))`,
      [cycle, INITIATIVE],
    );
  });

  const send = async (actor: Actor, request: { method: "GET"; path?: string } | { method: "POST"; path: string; fields: Record<string, string> }, path: string) => {
    const browser = actor.person!.browser;
    if (request.method === "GET") return (await browser.get(path)).status;
    return (await browser.post(path, { _csrf: actor.csrf ?? null, ...request.fields })).status;
  };

  const expected = (allowed: boolean, actor: Actor, method: "GET" | "POST") =>
    actor.where === "foreign" ? 404 : allowed ? (method === "GET" ? 200 : 303) : 403;

  describe("report actions", () => {
    for (const action of REPORT_ACTIONS) {
      it(`${action.name} (report ${action.state})`, async () => {
        const got: Record<string, number> = {};
        const want: Record<string, number> = {};
        for (const actor of ACTORS) {
          const row = await reportRow(ctx.db, cycle, INITIATIVE);
          await ctx.db.query("update initiative_report set state = $2 where id = $1", [row.id, action.state]);
          await ctx.db.query("delete from report_contribution where report_id = $1", [row.id]);
          const request = action.request(actor, page, row.lock_version);
          const path = request.method === "GET" ? page : request.path;
          got[actor.key] = await send(actor, request, path);
          want[actor.key] = expected(action.allowed(actor), actor, request.method);
        }
        expect(got).toEqual(want);
      });
    }

    it("another municipality's report is not found, even for the roles that read everything", async () => {
      const foreignPage = `${STAFF}/cycles/${foreignCycle}/initiatives/${INITIATIVE}`;
      for (const actor of ACTORS.filter((a) => a.where !== "foreign")) {
        expect(await send(actor, { method: "GET" }, foreignPage), actor.key).toBe(404);
        expect(await send(actor, post(`${foreignPage}/transition`, { action: "check", lockVersion: "1" }), `${foreignPage}/transition`), actor.key).toBe(404);
      }
    });
  });

  describe("cycle actions", () => {
    for (const action of CYCLE_ACTIONS) {
      it(action.name, async () => {
        const got: Record<string, number> = {};
        const want: Record<string, number> = {};
        for (const actor of ACTORS) {
          // publish-all needs something to publish; open needs a year not yet opened.
          const row = await reportRow(ctx.db, cycle, INITIATIVE);
          await ctx.db.query("update initiative_report set state = 'finalised' where id = $1", [row.id]);
          const request = action.request(cycle);
          // Publishing confirms what the preview showed: its fingerprint (domain/publication.ts).
          if (request.method === "POST" && action.name === "publish-all") request.fields.fingerprint = publicationFingerprint(await listReports(ctx.db, cycle));
          got[actor.key] = await send(actor, request, request.path);
          want[actor.key] = expected(action.allowed(actor), actor, request.method);
        }
        expect(got).toEqual(want);
      });
    }
  });
}, { seed: "tokushima" });

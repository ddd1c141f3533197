/** The accessibility policy page, with the latest recorded automated check. */
import { Hono } from "hono";
import type { Database } from "../../core/db/database.ts";
import { latestAccessibilityCheck } from "./accessibility-check-queries.ts";
import { AccessibilityPolicyPage } from "./accessibility-policy-page.tsx";

export function accessibilityRoutes({ db }: { db: Database }): Hono {
  const r = new Hono();
  r.get("/accessibility", async (c) => c.html(<AccessibilityPolicyPage check={await latestAccessibilityCheck(db)} />));
  return r;
}

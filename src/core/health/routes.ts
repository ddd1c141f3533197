/**
 * Probes for a load balancer or an orchestrator (issue #9 §1):
 *   GET /healthz — the process is alive and answering (no database call, so a
 *                  database outage does not make every process look dead);
 *   GET /readyz  — this process can serve: the database answers and has every
 *                  migration this build expects. 503 otherwise, with the reason.
 * Plain JSON, never cached.
 */
import { Hono } from "hono";
import type { Database } from "../db/database.ts";
import { pendingMigrations } from "../db/migrate.ts";

export function healthRoutes(deps: { db: Database }): Hono {
  const r = new Hono();
  r.use(async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });

  r.get("/healthz", (c) => c.json({ status: "ok" }));

  r.get("/readyz", async (c) => {
    let pending: string[];
    try {
      pending = await pendingMigrations(deps.db);
    } catch (error) {
      return c.json({ status: "unavailable", reason: "データベースに接続できません", detail: (error as Error).message }, 503);
    }
    if (pending.length > 0) {
      return c.json({ status: "unavailable", reason: "データベースのスキーマが古いままです（未適用のマイグレーションがあります）", pending }, 503);
    }
    return c.json({ status: "ready" });
  });
  return r;
}

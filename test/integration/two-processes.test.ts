/**
 * Two app processes behind nginx on one PostgreSQL server (issue #9 §1), as
 * docs/operations.md sets them up:
 *   - a change made through one process is served by the other within a
 *     second (the caches check a content version kept in the database);
 *   - a reminder mail is sent once, though both processes run the reminder
 *     timer and the mail dispatcher;
 *   - killing one process under a stream of writes loses no write that was
 *     acknowledged, and the other keeps serving through nginx.
 * Mandatory under CI=true (nginx-light and postgresql are installed by .ci/run).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { openPostgres } from "../../src/core/db/postgres.ts";
import { openCycle } from "../../src/modules/cycle/commands/open-cycle.ts";
import { japanDate } from "../../src/modules/cycle/domain/deadlines.ts";
import { findCurrentPlan, loadPlan } from "../../src/modules/plan/repository/plan-queries.ts";
import { findMunicipality } from "../../src/modules/tenancy/repository/municipality-queries.ts";
import { createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { NGINX, startAppProcess, startNginxProxy, type Process } from "../support/app-processes.ts";
import { postgresAvailable } from "../support/databases.ts";
import { TestBrowser } from "../support/session.ts";
import { databaseUrl } from "../support/test-database-seeds.ts";
import { divisionId } from "./cycle-support.ts";

const missing = !postgresAvailable() ? "PostgreSQL server" : !NGINX ? "nginx (apt-get install nginx-light)" : undefined;
if (missing && process.env.CI === "true") throw new Error(`two-process test needs ${missing}`);

const LG = "362018";
const REMINDER_DAYS = 7;

/** A TestBrowser that talks HTTP to a real server instead of app.request(). */
function httpBrowser(baseUrl: string): TestBrowser {
  const client = { request: (url: string, init: RequestInit) => fetch(url, { ...init, redirect: "manual" }) };
  return new TestBrowser(client as never, "127.0.0.1", baseUrl);
}

describe.skipIf(missing !== undefined)("two app processes behind nginx on one PostgreSQL server", () => {
  const name = `two_proc_${randomBytes(4).toString("hex")}`;
  let db: Database;
  let dir: string;
  let a: Process;
  let b: Process;
  let nginx: Process;
  let smtp: SMTPServer;
  const received: string[][] = [];
  let secretariat: TestStaff;
  let officerEmail: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "two-processes-"));
    const admin = new pg.Client({ connectionString: inject("postgresUrl") });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject("postgresSeeds").tokushima}`);
    await admin.end();
    const url = databaseUrl(inject("postgresUrl"), name);
    db = await openPostgres(url, 2);

    // An open cycle whose reports are due in REMINDER_DAYS days, and one officer with an address who owes one.
    const municipality = (await findMunicipality(db, LG))!;
    const plan = (await loadPlan(db, (await findCurrentPlan(db, municipality.id))!.id))!;
    const today = japanDate(new Date());
    const due = new Date(`${today}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + REMINDER_DAYS);
    const reportDue = due.toISOString().slice(0, 10);
    const opened = await openCycle(db, { municipality, actor: { userId: null, label: "テスト" }, ip: null }, {
      plan,
      fiscalYear: 2025,
      deadlines: { reportDue, reviewDue: reportDue, committeeDue: reportDue },
    });
    expect(opened.ok).toBe(true);
    const officer = await createStaff(db, { lgCode: LG, roles: ["digital_officer"], divisionId: await divisionId(db, LG, "危機管理課") });
    officerEmail = `officer-${randomBytes(3).toString("hex")}@city.example.lg.jp`;
    await db.query("update app_user set email = $2 where id = $1", [officer.id, officerEmail]);
    secretariat = await createStaff(db, { lgCode: LG, roles: ["secretariat"], totp: true });

    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        stream.resume();
        stream.on("end", () => {
          received.push(session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const env = {
      DATABASE_URL: url,
      TRUST_PROXY: "true",
      COOKIE_SECURE: "never",
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?ignoreTLS=true`,
      MAIL_FROM: "dx@city.example.lg.jp",
      MAIL_INTERVAL_SECONDS: "1",
      REMINDER_DAYS: String(REMINDER_DAYS),
      BOOTSTRAP_PLAN: "none",
    };
    [a, b] = await Promise.all([startAppProcess(env), startAppProcess(env)]);
    nginx = await startNginxProxy([a.url, b.url], join(dir, "nginx"));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop(), nginx?.stop()]);
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await db?.close();
    const admin = new pg.Client({ connectionString: inject("postgresUrl") });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it("sends the deadline reminder once, though both processes remind and dispatch", async () => {
    const toOfficer = () => received.filter((to) => to.includes(officerEmail)).length;
    for (let waited = 0; toOfficer() === 0 && waited < 20_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    // Both processes have run the reminder timer at start and dispatch every second: give a duplicate time to appear.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(toOfficer()).toBe(1);
    const [sent] = await db.query<{ n: string }>(
      "select count(*)::text as n from audit_log where action = 'cycle.deadline_reminder' and after->>'divisionId' = $1",
      [String(await divisionId(db, LG, "危機管理課"))],
    );
    expect(sent!.n).toBe("1");
  }, 40_000);

  it("serves a change made through one process from the other within a second", async () => {
    const staff = httpBrowser(a.url);
    await signInAs(db, staff, secretariat);
    const address = `徳島市幸町2丁目5番地 確認${randomBytes(3).toString("hex")}`;
    expect((await fetch(`${b.url}/${LG}`)).status).toBe(200); // b now holds the page in its cache
    await staff.get(`/${LG}/staff/profile`);
    const saved = await staff.post(`/${LG}/staff/profile`, { division: "デジタル推進課", phone: "", email: "", address, siteUrl: "", planAdoptedOn: "" });
    expect(saved.status).toBe(303);
    // The other process trusts the version it read for at most one second.
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await (await fetch(`${b.url}/${LG}`)).text()).toContain(address);
  }, 30_000);

  it("loses no acknowledged write when one process is killed under load, and keeps serving", async () => {
    const workers: { browser: TestBrowser; csrf: string }[] = [];
    for (let w = 0; w < 3; w++) {
      // One after another: each sign-in clears the used TOTP step first (signInAs).
      const browser = httpBrowser(nginx.url);
      await signInAs(db, browser, secretariat);
      await browser.get(`/${LG}/staff/profile`);
      workers.push({ browser, csrf: browser.csrfToken()! });
    }
    const acknowledged: string[] = [];
    const refused: number[] = [];
    let writes = 0;
    await Promise.all(
      workers.map(async ({ browser, csrf }, w) => {
        for (let i = 0; i < 12; i++) {
          const address = `負荷試験 ${w}-${i} ${randomBytes(2).toString("hex")}`;
          if (++writes === 12) a.child.kill("SIGKILL"); // mid-stream, while other writes are in flight
          const res = await browser
            .post(`/${LG}/staff/profile`, { _csrf: csrf, division: "デジタル推進課", phone: "", email: "", address, siteUrl: "", planAdoptedOn: "" })
            .catch(() => undefined);
          if (res?.status === 303) acknowledged.push(address);
          else refused.push(res?.status ?? 0);
        }
      }),
    );
    await a.exited;
    expect(acknowledged.length, `refused: ${refused.join(",")}`).toBeGreaterThan(24);
    const audited = await db.query<{ address: string }>(
      "select after->>'address' as address from audit_log where action = 'municipality_profile.save' and after->>'address' = any($1::text[])",
      [acknowledged],
    );
    expect(new Set(audited.map((r) => r.address))).toEqual(new Set(acknowledged));
    for (const status of refused) expect([0, 502, 503]).toContain(status);
    // The survivor serves every request through nginx.
    for (let i = 0; i < 5; i++) expect((await fetch(`${nginx.url}/${LG}`)).status).toBe(200);
    expect(b.child.exitCode).toBeNull();
  }, 60_000);
});

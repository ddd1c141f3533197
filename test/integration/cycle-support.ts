/**
 * Factories for the PDCA cycle tests: Tokushima's plan in two municipalities
 * (362018 and a second one, 131016, holding the same plan so that its report
 * ids exist and must stay unreachable), staff for every role in a lead, a co-
 * responsible and an unrelated division, and signed-in browsers.
 */
import type { Database } from "../../src/core/db/database.ts";
import { requiresTwoFactor, type Role } from "../../src/modules/tenancy/roles.ts";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import { createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { loadTokushima, tokushimaPlan } from "../support/fixtures.ts";
import { TestBrowser } from "../support/session.ts";

export const LG = "362018";
export const OTHER_LG = "131016";
export const STAFF = `/${LG}/staff`;

/** Initiative 6 防災拠点での情報収集・伝達手段の確保: lead 危機管理課, co 市民協働課 and 教育委員会; one KPI (2022 target 27). */
export const INITIATIVE = 6;
export const LEAD = "危機管理課";
export const CO = "市民協働課";
/** Responsible for initiative 4 only. */
export const OTHER = "健康長寿課";

export async function divisionId(db: Database, lgCode: string, name: string): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    "select d.id from division d join municipality m on m.id = d.municipality_id where m.lg_code = $1 and d.name = $2",
    [lgCode, name],
  );
  if (!row) throw new Error(`no division ${name} in ${lgCode}`);
  return row.id;
}

export async function loadPlans(db: Database): Promise<void> {
  await loadTokushima(db);
  const other = await importPlan(db, { lgCode: OTHER_LG, municipalityName: "千代田区", plan: tokushimaPlan() });
  if (!other.ok) throw new Error(other.message);
}

export type Person = TestStaff & { browser: TestBrowser; email: string };

let people = 0;

/** A signed-in person: a staff account with an e-mail address and a browser that has signed in. */
export async function person(db: Database, roles: Role[], options: { division?: string; lgCode?: string; name?: string } = {}): Promise<Person> {
  const lgCode = options.lgCode ?? LG;
  const id = ++people;
  const staff = await createStaff(db, {
    lgCode,
    roles,
    totp: requiresTwoFactor(roles),
    divisionId: options.division ? await divisionId(db, lgCode, options.division) : undefined,
    name: options.name,
    loginId: `p${id}-${roles[0]!.replace(/_/g, "")}`,
  });
  const email = `p${id}@city.example.lg.jp`;
  await db.query("update app_user set email = $2 where id = $1", [staff.id, email]);
  const browser = new TestBrowser(testApp(db));
  await signInAs(db, browser, staff);
  return { ...staff, browser, email };
}

export async function cycleId(db: Database, lgCode: string, fiscalYear: number): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `select c.id from evaluation_cycle c join municipality m on m.id = c.municipality_id where m.lg_code = $1 and c.fiscal_year = $2`,
    [lgCode, fiscalYear],
  );
  if (!row) throw new Error(`no cycle ${fiscalYear} in ${lgCode}`);
  return row.id;
}

export async function reportRow(db: Database, cycle: number, initiativeNumber: number) {
  const [row] = await db.query<{ id: number; state: string; lock_version: number; self_grade: string | null; cio_grade: string | null; issues: string | null }>(
    `select r.id, r.state, r.lock_version, r.self_grade, r.cio_grade, r.issues from initiative_report r
       join initiative i on i.id = r.initiative_id where r.cycle_id = $1 and i.number = $2`,
    [cycle, initiativeNumber],
  );
  return row!;
}

export async function auditOf(db: Database, reportId: number): Promise<string[]> {
  const rows = await db.query<{ action: string }>(
    "select action from audit_log where entity_type = 'initiative_report' and entity_id = $1 order by id",
    [String(reportId)],
  );
  return rows.map((r) => r.action);
}

export async function outbox(db: Database, kind: string): Promise<{ to_address: string; subject: string; body: string }[]> {
  return db.query("select to_address, subject, body from mail_outbox where kind = $1 order by id", [kind]);
}

/** Opens a cycle directly through the secretariat's form. */
export async function openCycleAs(secretariat: Person, fiscalYear: number, due = { reportDue: "2023-05-31", reviewDue: "2023-06-14", committeeDue: "2023-06-28" }) {
  await secretariat.browser.get(`${STAFF}/cycles/new`);
  return secretariat.browser.post(`${STAFF}/cycles/new`, { fiscalYear: String(fiscalYear), ...due });
}

/** The hidden lockVersion of the last page. */
export function lockVersionOf(html: string): string {
  return /name="lockVersion" value="(\d+)"/.exec(html)?.[1] ?? "";
}

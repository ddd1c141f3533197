/**
 * The data the mixed load needs beyond the Tokushima plan (which the first
 * app process loads on its first start): an open cycle for 2025 whose
 * reports are drafts, and N staff accounts — each a division's digital
 * officer, with one password (hashed once: 200 argon2 hashes would take a
 * minute of the machine's time and measure nothing) and no second factor —
 * spread over the reports, each in the division that leads the report's
 * initiative, so that each can edit it.
 */
import type { Database } from "../../src/core/db/database.ts";
import { hashPassword } from "../../src/modules/accounts/domain/password-hash.ts";
import { openCycle } from "../../src/modules/cycle/commands/open-cycle.ts";
import { findCurrentPlan, loadPlan } from "../../src/modules/plan/repository/plan-queries.ts";
import { findMunicipality } from "../../src/modules/tenancy/repository/municipality-queries.ts";

export const BENCH_PASSWORD = "bench load correct horse battery";

export type StaffAccount = { loginId: string; reports: string[] };
export type Prepared = { staff: StaffAccount[]; publicPaths: string[] };

export async function prepare(db: Database, lgCode: string, staffCount: number): Promise<Prepared> {
  const municipality = await findMunicipality(db, lgCode);
  if (!municipality) throw new Error(`municipality ${lgCode} is missing`);
  const current = await findCurrentPlan(db, municipality.id);
  const plan = current && (await loadPlan(db, current.id));
  if (!plan) throw new Error(`no plan for ${lgCode}`);

  const far = `${new Date().getUTCFullYear() + 1}-03-31`;
  const opened = await openCycle(db, { municipality, actor: { userId: null, label: "ベンチマーク" }, ip: null }, {
    plan,
    fiscalYear: 2025,
    deadlines: { reportDue: far, reviewDue: far, committeeDue: far },
  });
  if (!opened.ok) throw new Error(`cannot open the 2025 cycle: ${opened.message}`);

  // Each leading division and the report pages it edits.
  const byDivision = new Map<number, string[]>();
  for (const initiative of plan.initiatives) {
    for (const d of initiative.divisions) {
      if (d.kind !== "division" || d.role !== "lead") continue;
      const paths = byDivision.get(d.divisionId) ?? [];
      paths.push(`/${lgCode}/staff/cycles/${opened.cycleId}/initiatives/${initiative.number}`);
      byDivision.set(d.divisionId, paths);
    }
  }
  // Staff go round the reports, not the divisions, so that each report has as few editors as the count allows
  // (fewer two-saves-of-one-report conflicts); each edits the one report, in its leading division.
  const pairs = [...byDivision].flatMap(([divisionId, paths]) => paths.map((path) => ({ divisionId, path })));
  if (pairs.length === 0) throw new Error("no initiative has a leading division");

  const hash = await hashPassword(BENCH_PASSWORD);
  const staff: StaffAccount[] = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < staffCount; i++) {
      const { divisionId, path } = pairs[i % pairs.length]!;
      const loginId = `bench-staff-${String(i + 1).padStart(3, "0")}`;
      const [row] = await tx.query<{ id: number }>(
        `insert into app_user (municipality_id, login_id, display_name, email, division_id, password_hash, must_change_password)
         values ($1, $2, $3, null, $4, $5, false) returning id`,
        [municipality.id, loginId, `負荷試験 職員${i + 1}`, divisionId, hash],
      );
      await tx.query("insert into user_role (user_id, role) values ($1, 'digital_officer')", [row!.id]);
      staff.push({ loginId, reports: [path] });
    }
  });

  const numbers = plan.initiatives.map((i) => i.number);
  const publicPaths = [
    `/${lgCode}`,
    `/${lgCode}/initiatives`,
    ...numbers.map((n) => `/${lgCode}/initiatives/${n}`),
    ...plan.policies.map((p) => `/${lgCode}/policies/${p.number}`),
    `/${lgCode}/divisions`,
    `/${lgCode}/coverage`,
    `/${lgCode}/glossary`,
    `/${lgCode}/evaluation-history`,
    `/${lgCode}/open-data`,
  ];
  return { staff, publicPaths };
}

/** Writes of cycles, collective members and sent reminders. Called inside commands' transactions. */
import type { Queryable } from "../../../core/db/database.ts";
import type { Deadlines } from "../cycle.ts";
import type { ResolvableCollective } from "../domain/responsibility.ts";

export async function insertCycle(
  tx: Queryable,
  cycle: { municipalityId: number; planId: number; fiscalYear: number; deadlines: Deadlines; openedBy: { userId: number | null; label: string } },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `insert into evaluation_cycle (municipality_id, plan_id, fiscal_year, opened_by_user_id, opened_by_label, report_due, review_due, committee_due)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [
      cycle.municipalityId,
      cycle.planId,
      cycle.fiscalYear,
      cycle.openedBy.userId,
      cycle.openedBy.label,
      cycle.deadlines.reportDue,
      cycle.deadlines.reviewDue,
      cycle.deadlines.committeeDue,
    ],
  );
  return row!.id;
}

export async function insertReport(
  tx: Queryable,
  report: { cycleId: number; initiativeId: number; leadDivisionId: number | null; planText: string | null },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `insert into initiative_report (cycle_id, initiative_id, lead_division_id, plan_text)
     values ($1, $2, $3, $4) returning id`,
    [report.cycleId, report.initiativeId, report.leadDivisionId, report.planText],
  );
  return row!.id;
}

/** Last year's ACTION (次年度の取組計画) of each initiative: the starting point of this year's PLAN. */
export async function previousNextYearPlans(tx: Queryable, planId: number, fiscalYear: number): Promise<Map<number, string>> {
  const rows = await tx.query<{ initiative_id: number; next_year_plan: string }>(
    `select r.initiative_id, r.next_year_plan from initiative_report r
       join evaluation_cycle c on c.id = r.cycle_id
      where c.plan_id = $1 and c.fiscal_year = $2 and r.next_year_plan is not null`,
    [planId, fiscalYear - 1],
  );
  return new Map(rows.map((r) => [r.initiative_id, r.next_year_plan]));
}

export async function replaceCollectiveMembers(
  tx: Queryable,
  initiativeId: number,
  kind: ResolvableCollective,
  divisionIds: readonly number[],
): Promise<void> {
  await tx.query("delete from initiative_collective_division where initiative_id = $1 and kind = $2", [initiativeId, kind]);
  for (const divisionId of divisionIds) {
    await tx.query("insert into initiative_collective_division (initiative_id, kind, division_id) values ($1, $2, $3)", [
      initiativeId,
      kind,
      divisionId,
    ]);
  }
}

/**
 * Claims today's reminder for a division: true if this call recorded it,
 * false if it was already sent (by an earlier run or another process).
 */
export async function claimReminder(
  tx: Queryable,
  reminder: { cycleId: number; divisionId: number; sentOn: string; daysBefore: number; reports: number },
): Promise<boolean> {
  const rows = await tx.query(
    `insert into reminder_sent (cycle_id, division_id, sent_on, days_before, reports) values ($1, $2, $3, $4, $5)
     on conflict do nothing returning cycle_id`,
    [reminder.cycleId, reminder.divisionId, reminder.sentOn, reminder.daysBefore, reminder.reports],
  );
  return rows.length === 1;
}

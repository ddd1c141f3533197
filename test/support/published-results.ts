/**
 * A cheap factory for published results like the demo's (FY2022 and FY2023
 * published, every initiative graded with the demo's spread of grades and
 * sample actuals, one CIO grade change per year): the cycles are opened by
 * the real openCycle command (so every report exists as in production), the
 * finished state is then written directly — loadDemo walks every report
 * through every step, which costs tens of seconds per database.
 */
import type { Database } from "../../src/core/db/database.ts";
import { openCycle } from "../../src/modules/cycle/commands/open-cycle.ts";
import { CIO_CHANGE, CIO_REASON, sampleActuals, sampleFields, sampleGrade } from "../../src/modules/demo/sample-reports.ts";
import { findCurrentPlan, findMunicipality, loadPlan } from "../../src/modules/plan/repository/plan-queries.ts";

export async function publishSampleYears(db: Database, lgCode: string, years: readonly number[] = [2022, 2023]): Promise<void> {
  const municipality = (await findMunicipality(db, lgCode))!;
  const plan = (await loadPlan(db, (await findCurrentPlan(db, municipality.id))!.id))!;
  const ctx = { municipality, actor: { userId: null, label: "テスト（評価結果の公表）" }, ip: null };
  for (const fiscalYear of years) {
    const opened = await openCycle(db, ctx, {
      plan,
      fiscalYear,
      deadlines: { reportDue: `${fiscalYear + 1}-05-31`, reviewDue: `${fiscalYear + 1}-06-14`, committeeDue: `${fiscalYear + 1}-06-28` },
    });
    if (!opened.ok) throw new Error(opened.message);
    let cioChanged = false;
    for (const initiative of plan.initiatives) {
      const grade = sampleGrade(fiscalYear, initiative.number);
      const fields = sampleFields(fiscalYear, initiative, grade);
      const change: boolean = !cioChanged && grade === CIO_CHANGE.from;
      cioChanged ||= change;
      const [report] = await db.query<{ id: number }>(
        `update initiative_report set state = 'published', self_grade = $3, grade_reasons = $4, issues = $5, improvement_measures = $6,
                targets_confirmed = true, cio_grade = $7, cio_grade_reason = $8
          where cycle_id = $1 and initiative_id = $2 returning id`,
        [opened.cycleId, initiative.id, grade, fields.gradeReasons, fields.issues, fields.improvementMeasures, change ? CIO_CHANGE.to : null, change ? CIO_REASON : null],
      );
      for (const actual of sampleActuals(fiscalYear, initiative.kpis, grade)) {
        await db.query("insert into report_kpi_actual (report_id, kpi_id, actual_value, as_of, source) values ($1, $2, $3, $4, $5)", [
          report!.id,
          actual.kpiId,
          actual.value,
          actual.asOf,
          actual.source,
        ]);
      }
    }
  }
  await db.query("update municipality set public_changed_at = clock_timestamp() where id = $1", [municipality.id]);
}

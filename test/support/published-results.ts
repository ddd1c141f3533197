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
import { findCurrentPlan, loadPlan } from "../../src/modules/plan/repository/plan-queries.ts";
import { findMunicipality } from "../../src/modules/tenancy/repository/municipality-queries.ts";

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
    // Set-based, two statements per year: the finished reports, then their KPI actuals.
    let cioChanged = false;
    const reports = plan.initiatives.map((initiative) => {
      const grade = sampleGrade(fiscalYear, initiative.number);
      const fields = sampleFields(fiscalYear, initiative, grade);
      const change: boolean = !cioChanged && grade === CIO_CHANGE.from;
      cioChanged ||= change;
      return { initiative, grade, fields, change };
    });
    await db.query(
      `update initiative_report r set state = 'published', self_grade = v.grade, grade_reasons = v.reasons, issues = v.issues,
              improvement_measures = v.measures, targets_confirmed = true, cio_grade = v.cio_grade, cio_grade_reason = v.cio_reason
         from unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
              as v(initiative_id, grade, reasons, issues, measures, cio_grade, cio_reason)
        where r.cycle_id = $1 and r.initiative_id = v.initiative_id`,
      [
        opened.cycleId,
        reports.map((r) => r.initiative.id),
        reports.map((r) => r.grade),
        reports.map((r) => r.fields.gradeReasons),
        reports.map((r) => r.fields.issues),
        reports.map((r) => r.fields.improvementMeasures),
        reports.map((r) => (r.change ? CIO_CHANGE.to : null)),
        reports.map((r) => (r.change ? CIO_REASON : null)),
      ],
    );
    const actuals = reports.flatMap((r) => sampleActuals(fiscalYear, r.initiative.kpis, r.grade).map((a) => ({ ...a, initiativeId: r.initiative.id })));
    await db.query(
      `insert into report_kpi_actual (report_id, kpi_id, actual_value, as_of, source)
       select r.id, v.kpi_id, v.value, v.as_of, v.source
         from unnest($2::int[], $3::int[], $4::numeric[], $5::date[], $6::text[]) as v(initiative_id, kpi_id, value, as_of, source)
         join initiative_report r on r.cycle_id = $1 and r.initiative_id = v.initiative_id`,
      [
        opened.cycleId,
        actuals.map((a) => a.initiativeId),
        actuals.map((a) => a.kpiId),
        actuals.map((a) => a.value),
        actuals.map((a) => a.asOf),
        actuals.map((a) => a.source),
      ],
    );
  }
  await db.query("update municipality set public_changed_at = clock_timestamp() where id = $1", [municipality.id]);
}

/**
 * loadDemo: sample accounts and sample yearly reports for a walk-through
 * (`npm start -- --demo`). Only through the real commands — createUser,
 * openCycle, saveReport, transitionReport, changeGrade, publishCycleResults —
 * so the sample has the histories, audit records and states real work has:
 *   FY2022, FY2023  every report finalised and published (grades S–C, improvement
 *                   measures for B/C, committee comments, one CIO grade change each);
 *   FY2024          open, its reports in draft, submitted, returned and in review.
 *
 * The marker row (demo_marker) is written first, with the public pages'
 * change stamp, so any sample data is announced as such on every page; it is
 * completed last. A second run finds it complete and changes nothing; a run
 * that finds it incomplete (an interrupted load) refuses rather than guess.
 */
import { withAudit, type AuditActor } from "../../core/audit/audit.ts";
import type { Database } from "../../core/db/database.ts";
import type { Role } from "../tenancy/roles.ts";
import type { CycleCommandContext } from "../cycle/commands/context.ts";
import { changeGrade } from "../cycle/commands/change-grade.ts";
import { openCycle } from "../cycle/commands/open-cycle.ts";
import { publishCycleResults } from "../cycle/commands/publish-results.ts";
import { saveReport } from "../cycle/commands/save-report.ts";
import { transitionReport } from "../cycle/commands/transition-report.ts";
import type { Deadlines, ReportFields } from "../cycle/cycle.ts";
import type { Actor, ReportAction, ReportState } from "../cycle/domain/report-workflow.ts";
import { findCycle, listMunicipalityDivisions } from "../cycle/repository/cycle-queries.ts";
import { publicationFingerprint } from "../cycle/domain/publication.ts";
import { findReport, listReports } from "../cycle/repository/report-queries.ts";
import type { Grade, Initiative, Plan } from "../plan/plan.ts";
import type { Municipality } from "../tenancy/municipality.ts";
import { findCurrentPlan, loadPlan } from "../plan/repository/plan-queries.ts";
import { findMunicipality, markPublicContentChanged } from "../tenancy/repository/municipality-queries.ts";
import { createDemoAccounts, DEMO_ACCOUNTS, type CreatedDemoAccounts, type DemoAccount } from "./demo-accounts.ts";
import { completeDemoMarker, demoConflicts, findDemoMarker, insertDemoMarker } from "./demo-queries.ts";
import {
  CIO_CHANGE,
  CIO_REASON,
  COMMITTEE_COMMENT,
  FINISHED_YEARS,
  hasCommitteeComment,
  OPEN_YEAR,
  RETURN_COMMENT,
  sampleActuals,
  sampleDraftFields,
  sampleFields,
  sampleGrade,
  sampleOpenState,
} from "./sample-reports.ts";

export type LoadDemoResult =
  | { ok: true; loaded: boolean; municipality: Pick<Municipality, "lgCode" | "name">; accounts: readonly DemoAccount[] }
  | { ok: false; message: string };

const LOADER: AuditActor = { userId: null, label: "デモデータの読み込み（npm start -- --demo）" };

const DAY_MS = 86_400_000;

export async function loadDemo(db: Database, options: { lgCode: string; now?: Date }): Promise<LoadDemoResult> {
  const municipality = await findMunicipality(db, options.lgCode);
  if (!municipality) return { ok: false, message: `団体コード ${options.lgCode} の地方公共団体が登録されていないため、デモデータを読み込めません` };
  const planVersion = await findCurrentPlan(db, municipality.id);
  const plan = planVersion && (await loadPlan(db, planVersion.id));
  if (!plan) return { ok: false, message: `${municipality.name}には計画がないため、デモデータを読み込めません` };
  const done = { ok: true as const, municipality, accounts: DEMO_ACCOUNTS };

  const started = await withAudit(db, { municipalityId: municipality.id, actor: LOADER, ip: null }, async (tx, audit) => {
    const marker = await findDemoMarker(tx, municipality.id);
    if (marker?.completedAt) return "already" as const;
    if (marker) return "interrupted" as const;
    const conflicts = await demoConflicts(tx, municipality.id, DEMO_ACCOUNTS.map((a) => a.loginId));
    if (conflicts.cycles > 0 || conflicts.takenLoginIds.length > 0) return conflicts;
    await insertDemoMarker(tx, municipality.id);
    // The banner is public content: cached public pages must be rendered afresh.
    await markPublicContentChanged(tx, municipality.id);
    await audit({ action: "demo.load_start", entityType: "municipality", entityId: municipality.id });
    return "started" as const;
  });
  if (started === "already") return { ...done, loaded: false };
  if (started === "interrupted") {
    return { ok: false, message: "前回のデモデータの読み込みが途中で終わっています。データベース（DATA_DIR）を作り直してから、もう一度 --demo で起動してください" };
  }
  if (started !== "started") {
    const reasons = [
      ...(started.cycles > 0 ? ["自己評価（PDCA）が既に開始されています"] : []),
      ...(started.takenLoginIds.length > 0 ? [`ログインID ${started.takenLoginIds.join("、")} が既に使われています`] : []),
    ];
    return { ok: false, message: `${municipality.name}には既に実際のデータがあるため、デモデータを読み込みません（${reasons.join("。")}）` };
  }

  const users = await createDemoAccounts(db, municipality.id, LOADER);
  const loader = new SampleLoader(db, municipality, plan, users);
  for (const year of FINISHED_YEARS) await loader.finishedYear(year);
  await loader.openYear(OPEN_YEAR, options.now ?? new Date());

  await withAudit(db, { municipalityId: municipality.id, actor: LOADER, ip: null }, async (tx, audit) => {
    await completeDemoMarker(tx, municipality.id);
    await markPublicContentChanged(tx, municipality.id);
    await audit({ action: "demo.load", entityType: "municipality", entityId: municipality.id, after: { accounts: DEMO_ACCOUNTS.length } });
  });
  return { ...done, loaded: true };
}

/** Who takes a step: a demo account where the report is its division's, else a labelled sample person. */
type Step = { ctx: CycleCommandContext; actor: Actor };

class SampleLoader {
  private divisionNames = new Map<number, string>();

  constructor(
    private readonly db: Database,
    private readonly municipality: Municipality,
    private readonly plan: Plan,
    private readonly users: CreatedDemoAccounts,
  ) {}

  async finishedYear(fiscalYear: number): Promise<void> {
    const cycleId = await this.open(fiscalYear, {
      reportDue: `${fiscalYear + 1}-05-31`,
      reviewDue: `${fiscalYear + 1}-06-14`,
      committeeDue: `${fiscalYear + 1}-06-28`,
    });
    let cioChanged = false;
    for (const initiative of this.plan.initiatives) {
      const grade = sampleGrade(fiscalYear, initiative.number);
      await this.save(cycleId, fiscalYear, initiative, sampleFields(fiscalYear, initiative, grade), grade);
      await this.advance(cycleId, fiscalYear, initiative, "in_review");
      if (hasCommitteeComment(initiative.number)) await this.step(cycleId, fiscalYear, initiative, "comment", COMMITTEE_COMMENT);
      if (!cioChanged && grade === CIO_CHANGE.from) {
        await this.changeGrade(cycleId, initiative, CIO_CHANGE.to);
        cioChanged = true;
      }
      await this.step(cycleId, fiscalYear, initiative, "finalise");
    }
    const cycle = await findCycle(this.db, this.municipality.id, cycleId);
    // The demo publishes what it just finalised, as the secretariat would after the preview.
    const fingerprint = publicationFingerprint(await listReports(this.db, cycleId));
    const published = await publishCycleResults(this.db, this.as("secretariat").ctx, { cycle: cycle!, roles: ["secretariat"], fingerprint });
    if (!published.ok) throw new Error(`publish ${fiscalYear}: ${published.message}`);
  }

  async openYear(fiscalYear: number, now: Date): Promise<void> {
    const day = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
    const cycleId = await this.open(fiscalYear, { reportDue: day(30), reviewDue: day(44), committeeDue: day(58) });
    for (const initiative of this.plan.initiatives) {
      const target = sampleOpenState(initiative.number);
      if (target === "draft") {
        await this.save(cycleId, fiscalYear, initiative, sampleDraftFields(fiscalYear, initiative), null);
        continue;
      }
      const grade = sampleGrade(fiscalYear, initiative.number);
      await this.save(cycleId, fiscalYear, initiative, sampleFields(fiscalYear, initiative, grade), grade);
      if (target === "returned") {
        await this.advance(cycleId, fiscalYear, initiative, "submitted");
        await this.step(cycleId, fiscalYear, initiative, "return", RETURN_COMMENT);
      } else {
        await this.advance(cycleId, fiscalYear, initiative, target);
        if (target === "in_review" && hasCommitteeComment(initiative.number)) {
          await this.step(cycleId, fiscalYear, initiative, "comment", COMMITTEE_COMMENT);
        }
      }
    }
  }

  private async open(fiscalYear: number, deadlines: Deadlines): Promise<number> {
    const opened = await openCycle(this.db, this.as("secretariat").ctx, { plan: this.plan, fiscalYear, deadlines });
    if (!opened.ok) throw new Error(`open ${fiscalYear}: ${opened.message}`);
    for (const d of await listMunicipalityDivisions(this.db, this.municipality.id)) this.divisionNames.set(d.id, d.name);
    return opened.cycleId;
  }

  private async save(cycleId: number, fiscalYear: number, initiative: Initiative, fields: ReportFields, grade: Grade | null) {
    const report = await this.report(cycleId, initiative);
    const actuals = grade ? sampleActuals(fiscalYear, initiative.kpis, grade) : [];
    const who = await this.division(cycleId, initiative, "digital_officer");
    const saved = await saveReport(this.db, who.ctx, { reportId: report.id, lockVersion: report.lockVersion, fields, actuals, actor: who.actor });
    if (!saved.ok) throw new Error(`save ${fiscalYear} #${initiative.number}: ${saved.message}`);
  }

  /** draft → head_approved → submitted → in_review, as far as `until`. */
  private async advance(cycleId: number, fiscalYear: number, initiative: Initiative, until: ReportState) {
    const path: [Exclude<ReportAction, "edit">, ReportState][] = [
      ["approve", "head_approved"],
      ["submit", "submitted"],
      ["check", "in_review"],
    ];
    for (const [action, reached] of path) {
      await this.step(cycleId, fiscalYear, initiative, action);
      if (reached === until) return;
    }
  }

  private async step(cycleId: number, fiscalYear: number, initiative: Initiative, action: Exclude<ReportAction, "edit">, comment: string | null = null) {
    const report = await this.report(cycleId, initiative);
    const who = await this.actorFor(cycleId, initiative, action);
    const result = await transitionReport(this.db, who.ctx, {
      reportId: report.id,
      action,
      comment,
      lockVersion: report.lockVersion,
      actor: who.actor,
      about: { cycleId, fiscalYear, initiativeNumber: initiative.number, initiativeTitle: initiative.title },
    });
    if (!result.ok) throw new Error(`${action} ${fiscalYear} #${initiative.number}: ${result.message}`);
  }

  private async changeGrade(cycleId: number, initiative: Initiative, grade: Grade) {
    const report = await this.report(cycleId, initiative);
    const cio = this.as("cio");
    const result = await changeGrade(this.db, cio.ctx, { reportId: report.id, grade, reason: CIO_REASON, lockVersion: report.lockVersion, actor: cio.actor });
    if (!result.ok) throw new Error(`change grade #${initiative.number}: ${result.message}`);
  }

  private async actorFor(cycleId: number, initiative: Initiative, action: ReportAction): Promise<Step> {
    switch (action) {
      case "approve":
      case "reopen":
        return this.division(cycleId, initiative, "division_head");
      case "submit":
      case "revise":
      case "edit":
        return this.division(cycleId, initiative, "digital_officer");
      case "check":
      case "return":
      case "publish":
        return this.as("secretariat");
      case "comment":
        return this.as("committee_member");
      case "finalise":
        return this.as("cio");
    }
  }

  /** A demo account acting in its role, outside any division's reports. */
  private as(role: Role): Step {
    const user = this.users.get(role)!;
    return {
      ctx: { municipality: this.municipality, actor: user.actor, ip: null },
      actor: { roles: new Set([role]), isLeadDivision: false, isResponsibleDivision: false },
    };
  }

  /**
   * The lead division's officer or head: the demo account where the report is
   * the demo division's, otherwise a sample person named after the division.
   */
  private async division(cycleId: number, initiative: Initiative, role: "digital_officer" | "division_head"): Promise<Step> {
    const report = await this.report(cycleId, initiative);
    const user = this.users.get(role)!;
    const own = report.leadDivisionId !== null && report.leadDivisionId === user.divisionId;
    const name = report.leadDivisionId === null ? "主担当課" : (this.divisionNames.get(report.leadDivisionId) ?? "主担当課");
    const actor: AuditActor = own ? user.actor : { userId: null, label: `【サンプル】${name}の${role === "division_head" ? "課長" : "デジタル担当職員"}` };
    return {
      ctx: { municipality: this.municipality, actor, ip: null },
      actor: { roles: new Set([role]), isLeadDivision: true, isResponsibleDivision: true },
    };
  }

  private async report(cycleId: number, initiative: Initiative) {
    const report = await findReport(this.db, cycleId, initiative.id);
    if (!report) throw new Error(`no report for #${initiative.number} in cycle ${cycleId}`);
    return report;
  }
}

/**
 * The report page and its forms. Each handler: authenticate → load the
 * report through the URL's municipality (404) → authorise the row with the
 * abilities of policy.ts (403; or 400 when only the report's state stands in
 * the way) → validate the form (400, what was typed kept) → one command →
 * redirect 303 with a notice.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { fieldErrors, oneValue, readForm } from "../../core/http/form.ts";
import { badRequest } from "../../core/http/http-error.ts";
import { requireUser, type SignedIn, type StaffEnv } from "../accounts/staff-area.ts";
import { changeGrade } from "./commands/change-grade.ts";
import { designateLead } from "./commands/organise-divisions.ts";
import { addDoEntry, saveContribution } from "./commands/report-entries.ts";
import { saveReport } from "./commands/save-report.ts";
import { saveAndTransition } from "./commands/step-with-edits.ts";
import { transitionReport } from "./commands/transition-report.ts";
import type { CommandRefusal } from "./commands/context.ts";
import { REPORT_FIELD_LABELS } from "./cycle.ts";
import { japanDateTimeLabel } from "./domain/deadlines.ts";
import { transition, type ReportAction } from "./domain/report-workflow.ts";
import {
  contributionForm,
  CONTRIBUTION_FIELD_IDS,
  differingFields,
  DO_ENTRY_FIELD_IDS,
  doEntryForm,
  GRADE_FIELD_IDS,
  gradeForm,
  parseReportEdits,
  transitionForm,
  type ReportFormValues,
  valuesOfForm,
  valuesOfReport,
} from "./forms.ts";
import { actorFor, couldEver, couldEverEdit, reportAbilities, TRANSITION_ACTIONS } from "./policy.ts";
import { renderReport } from "./report-render.tsx";
import { canDesignateLead, commandContext, forbidden, loadReportScope, positiveInt, type CycleDeps, type ReportScope } from "./route-support.ts";
import { listUserNames } from "./repository/recipient-queries.ts";
import { listContributions, listKpiActuals } from "./repository/report-queries.ts";
import type { ReportPageState } from "./views/report-page.tsx";
import { reportBase } from "./views/paths.ts";

const REPORT = "/:lgCode{[0-9]{6}}/staff/cycles/:cycleId{[0-9]{1,9}}/initiatives/:number{[0-9]{1,6}}";

export function reportRoutes(deps: CycleDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  const { db } = deps;

  /** Authenticate and load; the handler authorises. */
  const open = async (c: Context): Promise<{ signedIn: SignedIn; scope: ReportScope } | Response> => {
    const signedIn = requireUser(c);
    if (signedIn instanceof Response) return signedIn;
    return { signedIn, scope: await loadReportScope(c, deps) };
  };
  const back = (c: Context, scope: ReportScope, notice: string, anchor = "") =>
    c.redirect(`${reportBase(scope.municipality, scope.cycle.id, scope.initiative.number)}?notice=${notice}${anchor}`, 303);
  /** A refusal from a command: 403, or the page again with the reason (400), or with a conflict (409). */
  const refused = (c: Context, scope: ReportScope, signedIn: SignedIn, refusal: CommandRefusal, state: Omit<ReportPageState, "errors">) => {
    if (refusal.reason === "forbidden") throw forbidden();
    if (refusal.reason === "invalid") {
      return renderReport(c, deps, scope, signedIn, { status: 400, state: { ...state, errors: [{ field: refusal.field, message: refusal.message }] } });
    }
    return renderReport(c, deps, scope, signedIn, { status: refusal.reason === "stale" ? 409 : 400, state: { ...state, errors: [], message: refusal.message } });
  };

  r.get(REPORT, async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    if (!reportAbilities(opened.signedIn.user, opened.scope.access).canView) throw forbidden();
    // After a step: the people its mail could not reach (ids of this municipality's users; anything else is ignored).
    const nomail = (c.req.query("nomail") ?? "").split(".").filter((id) => /^\d{1,9}$/.test(id)).slice(0, 100).map(Number);
    const unmailed = await listUserNames(db, opened.scope.municipality.id, nomail);
    return renderReport(c, deps, opened.scope, opened.signedIn, { notice: c.req.query("notice"), unmailed });
  });

  r.post(`${REPORT}/save`, async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const { signedIn, scope } = opened;
    const { initiative, report } = scope;
    const form = await readForm(c);
    const typed = valuesOfForm(form, initiative.kpis);
    // The step's comment shares the report form (decision 025): a plain save keeps it on the page.
    const comment = oneValue(form, "comment") ?? "";
    if (!reportAbilities(signedIn.user, scope.access).canEdit) {
      if (!couldEverEdit(signedIn.user, scope.access, "report")) throw forbidden();
      const why = transition(report.state, "edit", actorFor(signedIn.user, scope.access));
      const message = `${why.ok ? "" : why.message}。入力した内容は保存されていません。下に表示していますので、必要に応じて控えてください。`;
      return renderReport(c, deps, scope, signedIn, { status: 400, state: { errors: [], message, unsavedValues: typed, transitionComment: comment } });
    }
    const edits = parseReportEdits(form, typed, initiative.kpis);
    if (!edits.ok) return renderReport(c, deps, scope, signedIn, { status: 400, state: { errors: edits.errors, reportValues: typed, transitionComment: comment } });
    const result = await saveReport(db, commandContext(c, deps, signedIn), {
      reportId: report.id,
      lockVersion: edits.lockVersion,
      fields: edits.fields,
      actuals: edits.actuals,
      actor: actorFor(signedIn.user, scope.access),
    });
    if (result.ok) {
      if (comment.trim() === "") return back(c, scope, result.changed ? "saved" : "unchanged");
      return renderReport(c, deps, await loadReportScope(c, deps), signedIn, { notice: result.changed ? "saved" : "unchanged", state: { errors: [], transitionComment: comment } });
    }
    if (result.reason !== "stale") return refused(c, scope, signedIn, result, { unsavedValues: typed, transitionComment: comment });
    return staleSave(c, scope, signedIn, typed, comment);
  });

  /** Someone saved in between: keep every typed value, say who saved when, and which fields now differ. */
  const staleSave = async (c: Context, scope: ReportScope, signedIn: SignedIn, typed: ReportFormValues, comment: string) => {
    const fresh = await loadReportScope(c, deps);
    const { report, initiative } = fresh;
    const saved = valuesOfReport(report, (await listKpiActuals(db, [report.id])).get(report.id) ?? new Map(), initiative.kpis);
    const differing = differingFields(typed, saved).map((k) => REPORT_FIELD_LABELS[k]);
    const message =
      `${report.updatedByLabel ?? "他の方"}が${japanDateTimeLabel(report.updatedAt)}にこの報告を保存したため、あなたの保存は行われませんでした。` +
      "あなたの入力はそのまま残しています。" +
      (differing.length > 0 ? `保存されている内容と異なる項目: ${differing.join("、")}（各項目の説明に、保存されている内容を表示しています）。` : "") +
      "確認のうえ、もう一度「報告を保存する」を押すと、あなたの入力で保存されます。";
    const editable = reportAbilities(signedIn.user, fresh.access).canEdit;
    return renderReport(c, deps, fresh, signedIn, {
      status: 409,
      state: editable
        ? { errors: [], message, reportValues: { ...typed, lockVersion: report.lockVersion }, savedValues: saved, transitionComment: comment }
        : { errors: [], message, unsavedValues: typed, transitionComment: comment },
    });
  };

  r.post(`${REPORT}/do-entries`, async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const { signedIn, scope } = opened;
    const form = await readForm(c);
    const values = { entryDate: oneValue(form, "entryDate") ?? "", body: oneValue(form, "body") ?? "" };
    if (!reportAbilities(signedIn.user, scope.access).canAddDoEntry) {
      if (!couldEverEdit(signedIn.user, scope.access, "do")) throw forbidden();
      return renderReport(c, deps, scope, signedIn, { status: 400, state: { errors: [], message: `この状態の報告には記録を追加できません。入力した内容（保存されていません）: ${values.entryDate} ${values.body}`, doEntry: values } });
    }
    const parsed = doEntryForm.safeParse(values);
    if (!parsed.success) {
      return renderReport(c, deps, scope, signedIn, { status: 400, state: { errors: fieldErrors(parsed.error, DO_ENTRY_FIELD_IDS), doEntry: values } });
    }
    const result = await addDoEntry(db, commandContext(c, deps, signedIn), {
      reportId: scope.report.id,
      ...parsed.data,
      divisionId: signedIn.user.division?.id ?? null,
      actor: actorFor(signedIn.user, scope.access),
    });
    if (!result.ok) return refused(c, scope, signedIn, result, { doEntry: values });
    return back(c, scope, "do_added", "#do");
  });

  r.post(`${REPORT}/contribution`, async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const { signedIn, scope } = opened;
    const form = await readForm(c);
    const values = { body: oneValue(form, "body") ?? "", version: oneValue(form, "version") ?? "" };
    if (!reportAbilities(signedIn.user, scope.access).canContribute) {
      if (!couldEverEdit(signedIn.user, scope.access, "contribution")) throw forbidden();
      return renderReport(c, deps, scope, signedIn, { status: 400, state: { errors: [], message: `この状態の報告には関係課の取組を保存できません。入力した内容（保存されていません）: ${values.body}`, contribution: values } });
    }
    const parsed = contributionForm.safeParse(values);
    if (!parsed.success) {
      return renderReport(c, deps, scope, signedIn, { status: 400, state: { errors: fieldErrors(parsed.error, CONTRIBUTION_FIELD_IDS), contribution: values } });
    }
    const result = await saveContribution(db, commandContext(c, deps, signedIn), {
      reportId: scope.report.id,
      divisionId: signedIn.user.division!.id,
      ...parsed.data,
      actor: actorFor(signedIn.user, scope.access),
    });
    if (!result.ok) {
      const fresh = result.reason === "stale" ? await loadReportScope(c, deps) : scope;
      const message = result.reason === "stale" ? `${result.message}。あなたの入力はそのまま残しています。保存されている内容を確認のうえ、もう一度保存してください。` : undefined;
      // The next save knowingly replaces what is saved now: carry its current version.
      const now = (await listContributions(db, scope.report.id)).find((x) => x.divisionId === signedIn.user.division!.id);
      return refused(c, fresh, signedIn, message ? { ...result, message } : result, { contribution: { body: values.body, version: now?.version ?? "" } });
    }
    return back(c, scope, "contribution_saved", "#do");
  });

  r.post(`${REPORT}/transition`, async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const { signedIn, scope } = opened;
    const form = await readForm(c);
    const action = oneValue(form, "action") as ReportAction | undefined;
    if (action === "publish") throw badRequest("公表は、自己評価の状況のページの「公表する内容を確認する」から、市民向けページに掲載される内容を確認してから行います。");
    if (!action || !TRANSITION_ACTIONS.includes(action)) throw badRequest("操作の種類が正しくありません。ページを再読み込みしてから、もう一度操作してください。");
    const comment = oneValue(form, "comment") ?? "";
    // Pressed in the report form (decision 025): what was typed there travels with the step and is never dropped.
    const typed = oneValue(form, "withReport") === "1" ? valuesOfForm(form, scope.initiative.kpis) : undefined;
    const abilities = reportAbilities(signedIn.user, scope.access);
    if (!abilities.transitions.includes(action)) {
      if (!couldEver(signedIn.user, scope.access, action)) throw forbidden();
      const why = transition(scope.report.state, action, actorFor(signedIn.user, scope.access), { comment: "-" });
      const message = why.ok ? undefined : `${why.message}。他の方が先に操作した可能性があります。${typed ? "入力した内容は保存されていません。下に表示していますので、必要に応じて控えてください。" : ""}`;
      return renderReport(c, deps, scope, signedIn, { status: 400, state: { errors: [], message, transitionComment: comment, unsavedValues: typed } });
    }
    const parsed = transitionForm.safeParse({ lockVersion: oneValue(form, "lockVersion"), comment });
    const keep = { transitionComment: comment, reportValues: typed && abilities.canEdit ? typed : undefined, unsavedValues: typed && !abilities.canEdit ? typed : undefined };
    if (!parsed.success) {
      return renderReport(c, deps, scope, signedIn, { status: 400, state: { errors: fieldErrors(parsed.error, { comment: "transition-comment", lockVersion: "transition-comment" }), ...keep } });
    }
    const step = {
      reportId: scope.report.id,
      action: action as Exclude<ReportAction, "edit">,
      comment: parsed.data.comment,
      actor: actorFor(signedIn.user, scope.access),
      about: { cycleId: scope.cycle.id, fiscalYear: scope.cycle.fiscalYear, initiativeNumber: scope.initiative.number, initiativeTitle: scope.initiative.title },
    };
    let result;
    if (typed && abilities.canEdit) {
      const edits = parseReportEdits(form, typed, scope.initiative.kpis);
      if (!edits.ok) return renderReport(c, deps, scope, signedIn, { status: 400, state: { errors: edits.errors, ...keep } });
      result = await saveAndTransition(db, commandContext(c, deps, signedIn), {
        save: { reportId: scope.report.id, lockVersion: edits.lockVersion, fields: edits.fields, actuals: edits.actuals, actor: step.actor },
        step,
      });
      if (!result.ok && result.reason === "stale") return staleSave(c, scope, signedIn, typed, comment);
    } else {
      result = await transitionReport(db, commandContext(c, deps, signedIn), { ...step, lockVersion: parsed.data.lockVersion });
    }
    if (!result.ok) return refused(c, scope, signedIn, result, keep);
    const nomail = result.unmailed.length > 0 ? `&nomail=${result.unmailed.map((u) => u.userId).join(".")}` : "";
    return back(c, scope, `${action}${nomail}`);
  });

  r.post(`${REPORT}/grade`, async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const { signedIn, scope } = opened;
    const form = await readForm(c);
    const values = { grade: oneValue(form, "grade") ?? "", reason: oneValue(form, "reason") ?? "" };
    if (!reportAbilities(signedIn.user, scope.access).canChangeGrade) {
      if (!signedIn.user.roles.includes("cio")) throw forbidden();
      return renderReport(c, deps, scope, signedIn, { status: 400, state: { errors: [], message: "評価を変更できるのは、委員会審査中の報告だけです。", grade: values } });
    }
    const parsed = gradeForm.safeParse({ ...values, lockVersion: oneValue(form, "lockVersion") });
    if (!parsed.success) {
      return renderReport(c, deps, scope, signedIn, { status: 400, state: { errors: fieldErrors(parsed.error, GRADE_FIELD_IDS), grade: values } });
    }
    const result = await changeGrade(db, commandContext(c, deps, signedIn), {
      reportId: scope.report.id,
      ...parsed.data,
      actor: actorFor(signedIn.user, scope.access),
    });
    if (!result.ok) return refused(c, scope, signedIn, result, { grade: values });
    return back(c, scope, "grade_changed", "#check");
  });

  r.post(`${REPORT}/lead`, async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const { signedIn, scope } = opened;
    if (!canDesignateLead(signedIn, scope)) {
      if (!signedIn.user.roles.includes("secretariat")) throw forbidden();
      return renderReport(c, deps, scope, signedIn, { status: 400, state: { errors: [], message: "この報告の主担当課は指定できません（担当の先頭が個別の課の取組、または提出後の報告です）。" } });
    }
    const divisionId = positiveInt(oneValue(await readForm(c), "divisionId"));
    const division = scope.responsibleDivisions.find((d) => d.id === divisionId);
    const result = division
      ? await designateLead(db, commandContext(c, deps, signedIn), {
          reportId: scope.report.id,
          divisionId: division.id,
          divisionName: division.name,
          responsibleDivisionIds: scope.access.responsibleDivisionIds,
        })
      : { ok: false as const, message: "主担当課を一覧から選んでください" };
    if (!result.ok) {
      return renderReport(c, deps, scope, signedIn, { status: 400, state: { errors: [{ field: "lead-division", message: result.message }] } });
    }
    return back(c, scope, "lead_set");
  });

  return r;
}

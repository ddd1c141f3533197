/**
 * Publishing a cycle's results in two steps — GET the preview (exactly what
 * citizens will see, with how many of how many items), POST the confirmation
 * carrying the preview's fingerprint — and correcting (訂正) a published
 * result with a reason. Both are the secretariat's alone; another
 * municipality's cycle or report is a 404 (loaded through the URL's municipality).
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { fieldErrors, oneValue, readForm, type FieldError } from "../../core/http/form.ts";
import { badRequest } from "../../core/http/http-error.ts";
import type { Role } from "../tenancy/roles.ts";
import { requireUser, staffState, type SignedIn, type StaffEnv } from "../accounts/staff-area.ts";
import { correctPublishedResult, CORRECTION_FIELD_IDS } from "./commands/correct-result.ts";
import { publishCycleResults } from "./commands/publish-results.ts";
import { CORRECTION_FORM_IDS, correctionForm, correctionValuesOfForm, correctionValuesOfReport } from "./correction-form.ts";
import type { Cycle } from "./cycle.ts";
import { publicationCounts, publicationFingerprint } from "./domain/publication.ts";
import { parseActuals } from "./forms.ts";
import { withDetails } from "./published-results.ts";
import { commandContext, loadCycle, loadReportScope, planOf, type CycleDeps, type ReportScope } from "./route-support.ts";
import { listReports } from "./repository/report-queries.ts";
import { cycleBase } from "./views/paths.ts";
import { CorrectionPage, correctionPath, PublishPreviewPage, type CorrectionValues } from "./views/publishing-pages.tsx";

const CYCLE = "/:lgCode{[0-9]{6}}/staff/cycles/:cycleId{[0-9]{1,9}}";
const CORRECTION = `${CYCLE}/initiatives/:number{[0-9]{1,6}}/correction`;
const SECRETARIAT: readonly Role[] = ["secretariat"];

export function publishingRoutes(deps: CycleDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  const { db } = deps;
  const staff = (s: SignedIn) => ({ user: s.user, csrfToken: s.csrfToken });

  async function renderPreview(c: Context, signedIn: SignedIn, cycle: Cycle, status: 200 | 400 | 409, error?: string) {
    const { municipality } = staffState(c);
    const [plan, reports] = await Promise.all([planOf(deps, municipality, cycle.planId), listReports(db, cycle.id)]);
    const byId = new Map(plan.initiatives.map((i) => [i.id, i]));
    const finalised = reports.filter((r) => r.state === "finalised").sort((a, b) => (byId.get(a.initiativeId)?.number ?? 0) - (byId.get(b.initiativeId)?.number ?? 0));
    const results = await withDetails(db, finalised.map((report) => ({ fiscalYear: cycle.fiscalYear, report })));
    const items = results.flatMap((result) => {
      const initiative = byId.get(result.report.initiativeId);
      return initiative ? [{ initiative, result }] : [];
    });
    return c.html(
      <PublishPreviewPage
        municipality={municipality}
        staff={staff(signedIn)}
        cycle={cycle}
        plan={plan}
        counts={publicationCounts(reports)}
        fingerprint={publicationFingerprint(reports)}
        items={items}
        error={error}
      />,
      status,
    );
  }

  r.get(`${CYCLE}/publish`, async (c) => {
    const signedIn = requireUser(c, { roles: SECRETARIAT });
    if (signedIn instanceof Response) return signedIn;
    const cycle = await loadCycle(c, db);
    return renderPreview(c, signedIn, cycle, 200);
  });

  r.post(`${CYCLE}/publish`, async (c) => {
    const signedIn = requireUser(c, { roles: SECRETARIAT });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const fingerprint = oneValue(await readForm(c), "fingerprint") ?? "";
    const cycle = await loadCycle(c, db);
    const result = await publishCycleResults(db, commandContext(c, deps, signedIn), { cycle, roles: signedIn.user.roles, fingerprint });
    if (!result.ok) return renderPreview(c, signedIn, cycle, result.reason === "stale" ? 409 : 400, result.message);
    deps.plans.invalidate(municipality.lgCode); // this process shows the results at once
    return c.redirect(`${cycleBase(municipality, cycle.id)}?notice=published`, 303);
  });

  /** The correction page's scope: a published report of this municipality, for the secretariat. */
  const openCorrection = async (c: Context): Promise<{ signedIn: SignedIn; scope: ReportScope } | Response> => {
    const signedIn = requireUser(c, { roles: SECRETARIAT });
    if (signedIn instanceof Response) return signedIn;
    const scope = await loadReportScope(c, deps);
    if (scope.report.state !== "published") throw badRequest("この評価結果はまだ公表されていません。訂正できるのは公表済みの評価結果だけです。");
    return { signedIn, scope };
  };

  async function renderCorrection(c: Context, signedIn: SignedIn, scope: ReportScope, values: CorrectionValues | undefined, status: 200 | 400 | 409, errors: FieldError[] = []) {
    const [result] = await withDetails(db, [{ fiscalYear: scope.cycle.fiscalYear, report: scope.report }]);
    return c.html(
      <CorrectionPage
        municipality={scope.municipality}
        staff={staff(signedIn)}
        cycle={scope.cycle}
        plan={scope.plan}
        initiative={scope.initiative}
        result={result!}
        values={values ?? correctionValuesOfReport(scope.report, result!.actuals, scope.initiative.kpis)}
        errors={errors}
        notice={c.req.query("notice") === "corrected" ? "訂正しました。市民向けページに、訂正の日付・理由・訂正前の内容が表示されます。" : undefined}
      />,
      status,
    );
  }

  r.get(CORRECTION, async (c) => {
    const opened = await openCorrection(c);
    if (opened instanceof Response) return opened;
    return renderCorrection(c, opened.signedIn, opened.scope, undefined, 200);
  });

  r.post(CORRECTION, async (c) => {
    const opened = await openCorrection(c);
    if (opened instanceof Response) return opened;
    const { signedIn, scope } = opened;
    const values = correctionValuesOfForm(await readForm(c), scope.initiative.kpis);
    const parsed = correctionForm.safeParse(values);
    const actuals = parseActuals(values.actuals, scope.initiative.kpis);
    const errors = [...(parsed.success ? [] : fieldErrors(parsed.error, CORRECTION_FORM_IDS)), ...actuals.errors];
    if (!parsed.success || errors.length > 0) return renderCorrection(c, signedIn, scope, values, 400, errors);
    const { lockVersion, reason, ...fields } = parsed.data;
    const result = await correctPublishedResult(db, commandContext(c, deps, signedIn), {
      reportId: scope.report.id,
      lockVersion,
      reason,
      proposed: { ...fields, actuals: actuals.actuals },
    });
    if (!result.ok) {
      if (result.reason === "stale") {
        const fresh = await loadReportScope(c, deps);
        return renderCorrection(c, signedIn, fresh, { ...values, lockVersion: String(fresh.report.lockVersion) }, 409, [{ field: CORRECTION_FIELD_IDS.grade, message: result.message }]);
      }
      const field = result.reason === "invalid" ? result.field : CORRECTION_FIELD_IDS.grade;
      return renderCorrection(c, signedIn, scope, values, 400, [{ field, message: result.message }]);
    }
    deps.plans.invalidate(scope.municipality.lgCode);
    return c.redirect(`${correctionPath(scope.municipality, scope.cycle.id, scope.initiative.number)}?notice=corrected`, 303);
  });

  return r;
}

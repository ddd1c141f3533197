/**
 * Cycles: the hub, opening a cycle, a cycle's overview (the secretariat's
 * dashboard) and publishing its finalised results. Opening and publishing
 * are the secretariat's; the overview is for the roles that read every report.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import type { Role } from "../tenancy/roles.ts";
import type { StaffUser } from "../accounts/user.ts";
import type { Cycle } from "./cycle.ts";
import { fieldErrors, oneValue, readForm } from "../../core/http/form.ts";
import { HttpError, notFound } from "../../core/http/http-error.ts";
import { requireUser, staffState, type SignedIn, type StaffEnv } from "../accounts/staff-area.ts";
import { fiscalYearsOf } from "../plan/plan.ts";
import { openCycle } from "./commands/open-cycle.ts";
import { japanDate } from "./domain/deadlines.ts";
import { openCycleForm, OPEN_CYCLE_FIELD_IDS } from "./forms.ts";
import { parseOverviewFilter, type OverviewFilter } from "./overview-filter.ts";
import { cycleAbilities, READER_ROLES } from "./policy.ts";
import { commandContext, loadCycle, planOf, type CycleDeps } from "./route-support.ts";
import { listCycles, listMunicipalityDivisions } from "./repository/cycle-queries.ts";
import { listReports, listRemindersSent } from "./repository/report-queries.ts";
import { CycleOverviewPage, CyclesHubPage, OpenCyclePage, type OpenCycleValues } from "./views/cycle-pages.tsx";
import { cycleBase } from "./views/paths.ts";

const CYCLES = "/:lgCode{[0-9]{6}}/staff/cycles";
const CYCLE = `${CYCLES}/:cycleId{[0-9]{1,9}}`;
const SECRETARIAT: readonly Role[] = ["secretariat"];

const NOTICES: Record<string, string> = {
  opened: "評価を開始しました。各課に開始のお知らせをメールで送ります（送信メールの一覧で確認できます）。",
  published: "確定済みの評価結果を公表しました。",
};

export function cycleListRoutes(deps: CycleDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  const { db } = deps;
  const staff = (s: { user: StaffUser; csrfToken: string }) => ({ user: s.user, csrfToken: s.csrfToken });

  /** The plan period's years that have no cycle yet: the only ones a new cycle can take. */
  const openableYears = async (municipalityId: number, plan: { id: number; period: { startFiscalYear: number; endFiscalYear: number } }) => {
    const taken = new Set((await listCycles(db, municipalityId)).filter((cy) => cy.planId === plan.id).map((cy) => cy.fiscalYear));
    return fiscalYearsOf(plan).filter((y) => !taken.has(y));
  };
  const currentPlan = async (lgCode: string) => {
    const found = await deps.plans.current(lgCode);
    if (!found?.plan) throw notFound("この自治体には公開中の計画がありません。計画を読み込んでから評価を開始してください。");
    return found.plan;
  };

  r.get(CYCLES, async (c) => {
    const signedIn = requireUser(c);
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const abilities = cycleAbilities(signedIn.user);
    if (!abilities.canOverview && !abilities.hasTasks) {
      throw new HttpError(403, "このページを利用する権限がありません", "自己評価の役割（事務局、CIO、委員、課長、デジタル担当職員、閲覧者）が割り当てられていません。");
    }
    const cycles = await listCycles(db, municipality.id);
    return c.html(<CyclesHubPage municipality={municipality} staff={staff(signedIn)} abilities={abilities} cycles={cycles} notice={NOTICES[c.req.query("notice") ?? ""]} />);
  });

  r.get(`${CYCLES}/new`, async (c) => {
    const signedIn = requireUser(c, { roles: SECRETARIAT });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const plan = await currentPlan(municipality.lgCode);
    return c.html(<OpenCyclePage municipality={municipality} staff={staff(signedIn)} years={await openableYears(municipality.id, plan)} />);
  });

  r.post(`${CYCLES}/new`, async (c) => {
    const signedIn = requireUser(c, { roles: SECRETARIAT });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const form = await readForm(c);
    const values: OpenCycleValues = {
      fiscalYear: oneValue(form, "fiscalYear") ?? "",
      reportDue: oneValue(form, "reportDue") ?? "",
      reviewDue: oneValue(form, "reviewDue") ?? "",
      committeeDue: oneValue(form, "committeeDue") ?? "",
    };
    const plan = await currentPlan(municipality.lgCode);
    const years = await openableYears(municipality.id, plan);
    const retry = (errors: { field: string; message: string }[]) =>
      c.html(<OpenCyclePage municipality={municipality} staff={staff(signedIn)} years={years} values={values} errors={errors} />, 400);
    const parsed = openCycleForm(fiscalYearsOf(plan)).safeParse(values);
    if (!parsed.success) return retry(fieldErrors(parsed.error, OPEN_CYCLE_FIELD_IDS));
    const { fiscalYear, ...deadlines } = parsed.data;
    const result = await openCycle(db, commandContext(c, deps, signedIn), { plan, fiscalYear, deadlines });
    if (!result.ok) return retry([{ field: result.field, message: result.message }]);
    return c.redirect(`${cycleBase(municipality, result.cycleId)}?notice=opened${result.unmailed > 0 ? `&nomail=${result.unmailed}` : ""}`, 303);
  });

  r.get(CYCLE, async (c) => {
    const signedIn = requireUser(c, { roles: READER_ROLES });
    if (signedIn instanceof Response) return signedIn;
    const cycle = await loadCycle(c, db);
    const divisions = await listMunicipalityDivisions(db, staffState(c).municipality.id);
    const parsed = parseOverviewFilter(c.req.query(), new Set(divisions.map((d) => d.id)));
    if (!parsed.ok) throw new HttpError(400, "絞り込みの指定に誤りがあります", `${parsed.problems.join("。")}。`);
    const notice = NOTICES[c.req.query("notice") ?? ""];
    const nomail = /^\d{1,5}$/.test(c.req.query("nomail") ?? "") ? Number(c.req.query("nomail")) : 0;
    const unmailed = notice && nomail > 0 ? `メールアドレスが登録されていない${nomail}名には、開始のお知らせを送れませんでした。直接お伝えいただくか、システム管理者に登録を依頼してください。` : "";
    return renderOverview(c, signedIn, cycle, 200, { notice: notice && `${notice}${unmailed}`, filter: parsed.filter });
  });

  async function renderOverview(
    c: Context,
    signedIn: SignedIn,
    cycle: Cycle,
    status: 200 | 400,
    extra: { notice?: string; error?: string; filter?: OverviewFilter },
  ) {
    const { municipality } = staffState(c);
    const [plan, reports, divisions, reminders] = await Promise.all([
      planOf(deps, municipality, cycle.planId),
      listReports(db, cycle.id),
      listMunicipalityDivisions(db, municipality.id),
      listRemindersSent(db, cycle.id),
    ]);
    const byId = new Map(plan.initiatives.map((i) => [i.id, i]));
    const rows = reports.flatMap((report) => {
      const initiative = byId.get(report.initiativeId);
      return initiative ? [{ initiative, report, lead: divisions.find((d) => d.id === report.leadDivisionId) }] : [];
    });
    return c.html(
      <CycleOverviewPage
        municipality={municipality}
        staff={staff(signedIn)}
        abilities={cycleAbilities(signedIn.user)}
        cycle={cycle}
        rows={rows}
        reminders={reminders}
        today={japanDate(new Date())}
        notice={extra.notice}
        error={extra.error}
        filter={extra.filter ?? {}}
        divisions={divisions.filter((d) => reports.some((r) => r.leadDivisionId === d.id))}
      />,
      status,
    );
  }

  return r;
}

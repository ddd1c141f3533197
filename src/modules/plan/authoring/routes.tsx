/**
 * Plan authoring for the secretariat (issue #3 §3), /:lgCode/staff/plan/…:
 * the overview of the municipality's plans, starting and discarding drafts,
 * the next plan, and previewing and publishing a draft. The pages that edit
 * a draft's parts are in draft-part-routes.tsx and initiative-routes.tsx.
 *
 * Every handler: authenticate (secretariat or administrator of this
 * municipality) → validate → load within the municipality → one command →
 * redirect with a notice, or the page again with the problems (400).
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { fieldErrors, readForm, type FieldError } from "../../../core/http/form.ts";
import { notFound } from "../../../core/http/http-error.ts";
import { staffState, type StaffEnv } from "../../accounts/staff-area.ts";
import { findCurrentPlan } from "../repository/plan-queries.ts";
import { createNextPlan } from "../revisions/commands/create-next-plan.ts";
import { discardDraft } from "../revisions/commands/discard-draft.ts";
import { publishDraft } from "../revisions/commands/publish-draft.ts";
import { startDraft } from "../revisions/commands/start-draft.ts";
import { diffPlans } from "../revisions/domain/diff-plans.ts";
import { findLatestPublished, listPublished } from "../revisions/repository/revision-queries.ts";
import type { Revision } from "../revisions/revision.ts";
import { actorOf, draftClosed, loadRevision, requireAuthor, staffOf, type AuthoringDeps } from "./authoring-access.ts";
import { draftPartRoutes } from "./draft-part-routes.tsx";
import { checkedOf, textOf } from "./forms/form-input.ts";
import { NEXT_PLAN_FIELDS, nextPlanForm, PUBLISH_FIELDS, publishForm } from "./forms/plan-forms.ts";
import { initiativeRoutes } from "./initiative-routes.tsx";
import { planWorkbookRoutes } from "../workbook/routes.tsx";
import { DRAFT_PATH, draftBase, PLAN_PATH, planBase } from "./paths.ts";
import { findPlanSummary, listPlanSummaries, type PlanSummary } from "./repository/authoring-queries.ts";
import { DiscardPage, DraftPage } from "./views/draft-page.tsx";
import { NextPlanPage, defaultNextPlanValues, type NextPlanValues } from "./views/next-plan-page.tsx";
import { PlanOverviewPage, type OverviewNotice } from "./views/overview-page.tsx";
import { PreviewPage, type Comparison } from "./views/preview-page.tsx";


const DRAFT_NOTICES: Record<string, string> = {
  started: "下書きを作成しました。公開中の版の写しです。編集する部分を選んでください。",
  draft_exists: "この計画には編集中の下書きがあります。続きを編集してください。",
  next_created: "次期計画の下書きを作成しました。目標値と取組計画の段階を入力し、公開するときに「現在の計画にする」を選んでください。",
};

function overviewNotice(c: Context): OverviewNotice | undefined {
  const q = (name: string) => c.req.query(name);
  switch (q("notice")) {
    case "discarded":
      return { kind: "discarded", planDeleted: q("planDeleted") === "1" };
    case "published": {
      const number = Number(q("number"));
      return Number.isInteger(number) && number > 0 ? { kind: "published", number, shownToCitizens: q("shown") === "1" } : undefined;
    }
    case "draft_closed":
      return { kind: "draft_closed" };
    default:
      return undefined;
  }
}

/** After a plan workbook was taken into the draft (plan/workbook/routes.tsx). */
function previewNotice(c: Context): string | undefined {
  const changes = Number(c.req.query("changes"));
  if (c.req.query("notice") !== "workbook" || !Number.isInteger(changes) || changes < 0) return undefined;
  return changes === 0 ? "ブックを取り込みました。下書きは変わりませんでした。" : `ブックを取り込みました（下書きへの変更 ${changes}件）。公開中の版との違いを確認してください。`;
}

export function planAuthoringRoutes(deps: AuthoringDeps): Hono<StaffEnv> {
  const { db } = deps;
  const r = new Hono<StaffEnv>();

  const planOf = async (c: Context, planId: number): Promise<PlanSummary> => {
    const plan = await findPlanSummary(db, staffState(c).municipality.id, planId);
    if (!plan) throw notFound("この計画は見つかりません。");
    return plan;
  };

  /** The draft against its plan's newest published revision; a next plan's first draft against the current plan. */
  const compare = async (c: Context, draft: Revision): Promise<Comparison> => {
    const published = await findLatestPublished(db, draft.planId);
    if (published) return { against: `公開中の第${published.number}版`, changes: diffPlans(published.content, draft.content) };
    const current = await findCurrentPlan(db, staffState(c).municipality.id);
    const currentPublished = current && (await findLatestPublished(db, current.id));
    if (!currentPublished) return null;
    return {
      against: `現在の計画「${currentPublished.content.title}」（公開中の第${currentPublished.number}版）`,
      changes: diffPlans(currentPublished.content, draft.content),
    };
  };

  r.get(PLAN_PATH, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const { municipality } = staffState(c);
    const plans = await listPlanSummaries(db, municipality.id);
    const current = plans.find((p) => p.isCurrent);
    const revisions = current ? await listPublished(db, current.id) : [];
    return c.html(<PlanOverviewPage municipality={municipality} staff={staffOf(s)} plans={plans} revisions={revisions} notice={overviewNotice(c)} />);
  });

  r.post(`${PLAN_PATH}/:planId{[0-9]{1,9}}/drafts`, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const plan = await planOf(c, Number(c.req.param("planId")));
    const result = await startDraft(db, plan.id, actorOf(c, s, deps.config.trustProxy));
    const municipality = staffState(c).municipality;
    if (result.ok) return c.redirect(`${draftBase(municipality, result.draft.id)}?notice=started`, 303);
    if (result.reason === "draft_exists") return c.redirect(`${draftBase(municipality, result.draft.id)}?notice=draft_exists`, 303);
    throw notFound(result.message);
  });

  const nextPlanPage = async (c: Context, values?: NextPlanValues, errors?: FieldError[]) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const { municipality } = staffState(c);
    const current = (await listPlanSummaries(db, municipality.id)).find((p) => p.isCurrent);
    if (!current) throw notFound("現在の計画がないため、次期計画は作れません。");
    const page = (
      <NextPlanPage municipality={municipality} staff={staffOf(s)} current={current} values={values ?? defaultNextPlanValues(current)} errors={errors} />
    );
    return c.html(page, errors ? 400 : 200);
  };

  r.get(`${PLAN_PATH}/next`, (c) => nextPlanPage(c));

  r.post(`${PLAN_PATH}/next`, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const form = await readForm(c);
    const values = {
      code: textOf(form, "code"),
      title: textOf(form, "title"),
      startFiscalYear: textOf(form, "startFiscalYear"),
      endFiscalYear: textOf(form, "endFiscalYear"),
    };
    const parsed = nextPlanForm.safeParse(values);
    if (!parsed.success) return nextPlanPage(c, values, fieldErrors(parsed.error, NEXT_PLAN_FIELDS));
    const { municipality } = staffState(c);
    const current = await findCurrentPlan(db, municipality.id);
    if (!current) throw notFound("現在の計画がないため、次期計画は作れません。");
    const result = await createNextPlan(db, municipality.id, current.id, parsed.data, actorOf(c, s, deps.config.trustProxy));
    if (result.ok) return c.redirect(`${draftBase(municipality, result.draft.id)}?notice=next_created`, 303);
    if (result.reason === "invalid") {
      const field = (path: string) => (path.startsWith("period") ? NEXT_PLAN_FIELDS.endFiscalYear : path === "title" ? NEXT_PLAN_FIELDS.title : NEXT_PLAN_FIELDS.code);
      return nextPlanPage(c, values, result.problems.map((p) => ({ field: field(p.path), message: p.message })));
    }
    return nextPlanPage(c, values, [{ field: NEXT_PLAN_FIELDS.code, message: result.message }]);
  });

  r.get(DRAFT_PATH, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const draft = await loadRevision(db, c);
    if (draft.status !== "draft") return draftClosed(c);
    const plan = await planOf(c, draft.planId);
    const notice = DRAFT_NOTICES[c.req.query("notice") ?? ""];
    return c.html(<DraftPage municipality={staffState(c).municipality} staff={staffOf(s)} plan={plan} draft={draft} notice={notice} />);
  });

  r.get(`${DRAFT_PATH}/discard`, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const draft = await loadRevision(db, c);
    if (draft.status !== "draft") return draftClosed(c);
    const plan = await planOf(c, draft.planId);
    return c.html(<DiscardPage municipality={staffState(c).municipality} staff={staffOf(s)} plan={plan} draft={draft} />);
  });

  r.post(`${DRAFT_PATH}/discard`, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const draft = await loadRevision(db, c);
    const result = await discardDraft(db, draft.id, actorOf(c, s, deps.config.trustProxy));
    if (!result.ok) return draftClosed(c);
    return c.redirect(`${planBase(staffState(c).municipality)}?notice=discarded&planDeleted=${result.planDeleted ? 1 : 0}`, 303);
  });

  const previewPage = async (c: Context, draft: Revision, extra: { values?: { reason: string; makeCurrent: boolean }; errors?: FieldError[]; notice?: string } = {}) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const plan = await planOf(c, draft.planId);
    const page = (
      <PreviewPage municipality={staffState(c).municipality} staff={staffOf(s)} plan={plan} draft={draft} comparison={await compare(c, draft)} {...extra} />
    );
    return c.html(page, extra.errors ? 400 : 200);
  };

  r.get(`${DRAFT_PATH}/preview`, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const draft = await loadRevision(db, c);
    if (draft.status !== "draft") return draftClosed(c);
    return previewPage(c, draft, { notice: previewNotice(c) });
  });

  r.post(`${DRAFT_PATH}/publish`, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const form = await readForm(c);
    const values = { reason: textOf(form, "reason"), makeCurrent: checkedOf(form, "makeCurrent") };
    const draft = await loadRevision(db, c);
    if (draft.status !== "draft") return draftClosed(c);
    const parsed = publishForm.safeParse(values);
    if (!parsed.success) return previewPage(c, draft, { values, errors: fieldErrors(parsed.error, PUBLISH_FIELDS) });
    const result = await publishDraft(db, draft.id, parsed.data.reason, actorOf(c, s, deps.config.trustProxy), {
      makeCurrent: parsed.data.makeCurrent,
    });
    if (!result.ok) {
      if (result.reason === "not_found" || result.reason === "not_draft") return draftClosed(c);
      const problems =
        result.reason === "invalid" ? result.problems.map((p) => (p.path === "reason" ? p.message : `${p.message}（${p.path}）`)) : [result.message];
      return previewPage(c, draft, { values, errors: problems.map((message) => ({ field: PUBLISH_FIELDS.reason, message })) });
    }
    deps.plans?.invalidate(staffState(c).municipality.lgCode);
    const plan = await planOf(c, draft.planId);
    const shown = plan.isCurrent ? 1 : 0;
    return c.redirect(`${planBase(staffState(c).municipality)}?notice=published&number=${result.revision.number}&shown=${shown}`, 303);
  });

  r.route("/", draftPartRoutes(deps));
  r.route("/", initiativeRoutes(deps));
  r.route("/", planWorkbookRoutes(deps));
  return r;
}

import { expect, it } from "vitest";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import type { PlanFile } from "../../src/modules/plan/plan-file-schema.ts";
import { findCurrentPlan, loadPlan } from "../../src/modules/plan/repository/plan-queries.ts";
import { findMunicipality } from "../../src/modules/tenancy/repository/municipality-queries.ts";
import { createNextPlan } from "../../src/modules/plan/revisions/commands/create-next-plan.ts";
import { discardDraft } from "../../src/modules/plan/revisions/commands/discard-draft.ts";
import { publishDraft } from "../../src/modules/plan/revisions/commands/publish-draft.ts";
import { saveDraft } from "../../src/modules/plan/revisions/commands/save-draft.ts";
import { startDraft } from "../../src/modules/plan/revisions/commands/start-draft.ts";
import { planToFile } from "../../src/modules/plan/revisions/domain/plan-to-file.ts";
import { findDraft, findRevision } from "../../src/modules/plan/revisions/repository/revision-queries.ts";
import type { Actor, Revision } from "../../src/modules/plan/revisions/revision.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { loadTokushima, tokushimaPlan } from "../support/fixtures.ts";
import { visibleText } from "../support/html.ts";

const REASON = "令和6年度の実績を踏まえ、公開データセット数の目標を引き上げます";

describeEachDatabase(
  "plan revisions",
  (ctx) => {
    // One app for the whole block, so its plan cache must notice each publication.
    let app: ReturnType<typeof testApp> | undefined;
    const get = (path: string) => (app ??= testApp(ctx.db)).request(path);
    const text = async (path: string) => {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      return visibleText(await res.text());
    };
    const tokushimaPlanId = async () => (await findCurrentPlan(ctx.db, (await findMunicipality(ctx.db, "362018"))!.id))!.id;
    let secretariat: Actor;
    const ok = <T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> => {
      if (!result.ok) throw new Error(JSON.stringify(result));
      return result as Extract<T, { ok: true }>;
    };
    const idsOf = () =>
      ctx.db.query(
        `select i.id, i.number, k.id as kpi_id, k.code, k.label from initiative i
           left join kpi k on k.initiative_id = i.id order by i.plan_id, i.number, k.position`,
      );

    it("lists the import as 第1版 on the change history", async () => {
      const [{ id: municipalityId }] = (await ctx.db.query("select id from municipality where lg_code = '362018'")) as [{ id: number }];
      const [user] = await ctx.db.query<{ id: number }>(
        "insert into app_user (municipality_id, login_id, display_name) values ($1, 'tokushima.taro', '徳島太郎') returning id",
        [municipalityId],
      );
      secretariat = { userId: user!.id, label: "デジタル推進課 徳島太郎", ip: "192.0.2.10" };
      const page = await text("/362018/changes");
      expect(page).toContain("第1版");
      // The first version is the plan as adopted: its adoption date (plan file), not the day it was loaded.
      expect(page).toContain("令和4年3月（2022年3月）（策定）");
      expect(page).toContain("計画の策定");
      expect(page).not.toContain("計画ファイルの読み込み");
      expect(page).toContain("最初の版");
      const html = await (await get("/362018/changes")).text();
      expect(html).toContain('href="/362018/changes"');
      expect(html).toMatch(/<a href="\/362018\/changes" aria-current="page">変更履歴<\/a>/);
    });

    it("edits a target in a draft and publishes it with a reason: the portal shows old and new", async () => {
      const planId = await tokushimaPlanId();
      const ids = await idsOf();
      const draft = ok(await startDraft(ctx.db, planId, secretariat)).draft;
      expect(draft).toMatchObject({ number: 2, status: "draft", lockVersion: 1 });

      const content = structuredClone(draft.content);
      content.initiatives[0]!.kpis[0]!.targets["2025"] = "210";
      const saved = ok(await saveDraft(ctx.db, draft.id, content, draft.lockVersion, secretariat));
      expect(saved.lockVersion).toBe(2);
      // Not published yet: citizens still see the old target.
      expect(await text("/362018/initiatives/1")).not.toContain("210データセット");

      const published = ok(await publishDraft(ctx.db, draft.id, `  ${REASON}  `, secretariat));
      expect(published.revision).toMatchObject({
        number: 2,
        status: "published",
        reason: REASON,
        publishedBy: { userId: secretariat.userId, label: secretariat.label },
      });
      expect(published.changes.map((c) => [c.field, c.before, c.after])).toEqual([
        ["令和7年度（2025年度）の目標値", "205データセット", "210データセット"],
      ]);

      const initiative = await text("/362018/initiatives/1");
      expect(initiative).toContain("210データセット");
      expect(initiative).not.toContain("205データセット");
      expect(await idsOf()).toEqual(ids);

      const history = await text("/362018/changes");
      expect(history).toMatch(/第2版 ?現在の版/);
      expect(history).toContain(REASON);
      // Public pages name the publisher's division (this user has none: 事務局), never the person (issue #6 §6).
      expect(history).toContain("事務局");
      expect(history).not.toContain("徳島太郎");
      expect(history).toContain("1件（追加 0・削除 0・変更 1）");

      const html = await (await get("/362018/changes/2")).text();
      expect(visibleText(html)).toContain(REASON);
      const row = html.match(/<tr id="change-\w+">(?:(?!<\/tr>)[\s\S])*目標値[\s\S]*?<\/tr>/)?.[0];
      const cells = [...(row ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => visibleText(m[1]!));
      expect(cells).toEqual(["数値目標「公開データセット数」", "令和7年度（2025年度）の目標値", "変更", "205データセット", "210データセット"]);
      expect(html).toContain("<caption>取組項目1 オープンデータの推進の変更（1件）</caption>");

      const [audit] = await ctx.db.query<{ actor_user_id: number; actor_label: string; ip: string; entity_id: string }>(
        "select actor_user_id, actor_label, ip, entity_id from audit_log where action = 'plan_revision.publish'",
      );
      expect(audit).toEqual({ actor_user_id: secretariat.userId, actor_label: secretariat.label, ip: "192.0.2.10", entity_id: String(draft.id) });
    });

    it("refuses a save based on an old version of the draft, returning the draft as it now is", async () => {
      const planId = await tokushimaPlanId();
      const draft = ok(await startDraft(ctx.db, planId, secretariat)).draft;
      const first = structuredClone(draft.content);
      first.initiatives[0]!.title = "オープンデータの推進と活用";
      ok(await saveDraft(ctx.db, draft.id, first, draft.lockVersion, secretariat));

      const stale = structuredClone(draft.content);
      stale.initiatives[1]!.title = "別の人の編集";
      const result = await saveDraft(ctx.db, draft.id, stale, draft.lockVersion, { userId: null, label: "情報政策担当" });
      expect(result).toMatchObject({ ok: false, reason: "conflict" });
      const current = (result as { current: Revision }).current;
      expect(current.lockVersion).toBe(2);
      expect(current.content.initiatives[0]!.title).toBe("オープンデータの推進と活用");
      const after = (await findRevision(ctx.db, draft.id))!;
      expect(after.lockVersion).toBe(2);
      expect(after.content).toEqual(first);
    });

    it("refuses a second draft, invalid content and a publication without a reason", async () => {
      const planId = await tokushimaPlanId();
      const draft = (await findDraft(ctx.db, planId))!;
      expect(await startDraft(ctx.db, planId, secretariat)).toMatchObject({ ok: false, reason: "draft_exists", draft: { id: draft.id } });

      const invalid = structuredClone(draft.content) as PlanFile;
      invalid.initiatives[0]!.kpis[0]!.targets = { "2025": "1" };
      const refused = await saveDraft(ctx.db, draft.id, invalid, draft.lockVersion, secretariat);
      expect(refused).toMatchObject({ ok: false, reason: "invalid" });
      expect((refused as { problems: { path: string }[] }).problems[0]!.path).toBe("initiatives[0].kpis[0].targets");
      const renamed = { ...structuredClone(draft.content), code: "dx-other" };
      expect(await saveDraft(ctx.db, draft.id, renamed, draft.lockVersion, secretariat)).toMatchObject({ ok: false, reason: "invalid" });

      for (const reason of ["", "   "]) {
        expect(await publishDraft(ctx.db, draft.id, reason, secretariat)).toMatchObject({ ok: false, reason: "reason_required" });
      }
      expect((await findRevision(ctx.db, draft.id))!).toMatchObject({ status: "draft", reason: null });
      expect(await text("/362018/initiatives/1")).not.toContain("オープンデータの推進と活用");
      expect(await text("/362018/changes")).not.toContain("第3版");
    });

    it("discards a draft, leaving the published plan as it was", async () => {
      const planId = await tokushimaPlanId();
      const draft = (await findDraft(ctx.db, planId))!;
      expect(await discardDraft(ctx.db, draft.id, secretariat)).toEqual({ ok: true, planDeleted: false });
      expect(await findDraft(ctx.db, planId)).toBeUndefined();
      expect(await publishDraft(ctx.db, draft.id, REASON, secretariat)).toMatchObject({ ok: false, reason: "not_found" });
      // Its number is free again: the next draft is 第3版.
      const next = ok(await startDraft(ctx.db, planId, secretariat)).draft;
      expect(next.number).toBe(3);
      ok(await discardDraft(ctx.db, next.id, secretariat));
    });

    it("compares any two published revisions through a GET form", async () => {
      const page = await text("/362018/changes/compare?from=2&to=1");
      expect(page).toContain("第2版と第1版の比較");
      expect(page).toContain("210データセット");
      const html = await (await get("/362018/changes/compare")).text();
      expect(html).toContain('<form class="filters" method="get" action="/362018/changes/compare"');
      expect(html).toMatch(/<label for="compare-from">/);
      expect(visibleText(html)).toContain("第1版と第2版の比較");
      for (const query of ["from=x&to=1", "from=1&to=99", "from=1", "from=1&from=2&to=2", "from=&to=1"]) {
        const res = await get(`/362018/changes/compare?${query}`);
        expect(res.status, query).toBe(400);
        expect(visibleText(await res.text()), query).toContain("リクエストの内容に誤りがあります");
      }
      expect((await get("/362018/changes/3")).status).toBe(404);
      expect(await text("/362018/changes/1")).toContain("最初の版");
    });

    it("keeps another municipality's revisions apart", async () => {
      const other = tokushimaPlan();
      other.code = "naruto-dx";
      other.title = "鳴門市DX推進計画";
      const result = await importPlan(ctx.db, { lgCode: "362026", municipalityName: "鳴門市", plan: other });
      expect(result).toMatchObject({ ok: true, revisionNumber: 1 });
      const page = await text("/362026/changes");
      expect(page).toContain("計画の策定");
      expect(page).not.toContain(REASON);
      expect(page).not.toContain("dx-2022");
      expect(await text("/362026/changes/1")).toContain("計画の策定");
      expect((await get("/362026/changes/2")).status).toBe(404);
      expect((await get("/362026/changes/compare?from=1&to=2")).status).toBe(400);
      expect(await text("/362018/changes")).not.toContain("naruto-dx");
    });

    it("creates the next plan from the current one and makes it current on its first publication", async () => {
      const [{ id: municipalityId }] = (await ctx.db.query("select id from municipality where lg_code = '362018'")) as [{ id: number }];
      const fromPlanId = await tokushimaPlanId();
      const options = { code: "dx-2026", title: "徳島市DX推進計画（第2期）", startFiscalYear: 2026, endFiscalYear: 2029 };

      // Another municipality's plan cannot be the source.
      const [{ id: narutoPlan }] = (await ctx.db.query("select id from plan where code = 'naruto-dx'")) as [{ id: number }];
      expect(await createNextPlan(ctx.db, municipalityId, narutoPlan, options, secretariat)).toMatchObject({ ok: false, reason: "not_found" });
      expect(await createNextPlan(ctx.db, municipalityId, fromPlanId, { ...options, code: "dx-2022" }, secretariat)).toMatchObject({
        ok: false,
        reason: "plan_exists",
      });

      const created = ok(await createNextPlan(ctx.db, municipalityId, fromPlanId, options, secretariat));
      expect(created.draft).toMatchObject({ number: 1, status: "draft" });
      expect(created.draft.content.period).toEqual({ startFiscalYear: 2026, endFiscalYear: 2029 });
      // Until it is published, citizens see the current plan.
      expect(await text("/362018")).toContain("令和4年度（2022年度）〜令和7年度（2025年度）");

      const content = structuredClone(created.draft.content);
      content.initiatives[0]!.kpis[0]!.targets = { "2026": "215", "2027": "220", "2028": "225", "2029": "230" };
      ok(await saveDraft(ctx.db, created.draft.id, content, created.draft.lockVersion, secretariat));
      const published = ok(await publishDraft(ctx.db, created.draft.id, "第2期計画の策定", secretariat, { makeCurrent: true }));
      expect(published.madeCurrent).toBe(true);

      const top = await text("/362018");
      expect(top).toContain("徳島市DX推進計画（第2期）");
      expect(top).toContain("令和8年度（2026年度）〜令和11年度（2029年度）");
      expect(await text("/362018/initiatives/1")).toContain("230データセット");
      const history = await text("/362018/changes");
      expect(history).toContain("第2期計画の策定");
      expect(history).not.toContain(REASON);

      const plan = (await loadPlan(ctx.db, created.planId))!;
      expect(planToFile(plan)).toEqual(content);
      const rows = await ctx.db.query<{ code: string; is_current: boolean }>(
        "select code, is_current from plan where municipality_id = $1 order by id",
        [municipalityId],
      );
      expect(rows).toEqual([
        { code: "dx-2022", is_current: false },
        { code: "dx-2026", is_current: true },
      ]);
    });

    it("discarding a next plan's only draft removes the empty plan", async () => {
      const [{ id: municipalityId }] = (await ctx.db.query("select id from municipality where lg_code = '362018'")) as [{ id: number }];
      const options = { code: "dx-2030", startFiscalYear: 2030, endFiscalYear: 2033 };
      const created = ok(await createNextPlan(ctx.db, municipalityId, await tokushimaPlanId(), options, secretariat));
      expect(await discardDraft(ctx.db, created.draft.id, secretariat)).toEqual({ ok: true, planDeleted: true });
      expect(await ctx.db.query("select id from plan where code = 'dx-2030'")).toEqual([]);
      const actions = await ctx.db.query<{ action: string }>("select action from audit_log where municipality_id = $1 order by id", [municipalityId]);
      expect(actions.map((a) => a.action)).toEqual([
        "plan.import",
        "plan_revision.start_draft",
        "plan_revision.save_draft",
        "plan_revision.publish",
        "plan_revision.start_draft",
        "plan_revision.save_draft",
        "plan_revision.discard_draft",
        "plan_revision.start_draft",
        "plan_revision.discard_draft",
        "plan.create_next",
        "plan_revision.save_draft",
        "plan_revision.publish",
        "plan.create_next",
        "plan_revision.discard_draft",
      ]);
    });
  },
  { setup: async (db) => void (await loadTokushima(db)) },
);

describeEachDatabase(
  "plan revisions of a plan loaded before revisions were kept",
  (ctx) => {
    const actor = { userId: null, label: "デジタル推進課" };
    const planId = async () => (await findCurrentPlan(ctx.db, (await findMunicipality(ctx.db, "362018"))!.id))!.id;

    it("records the plan's content as 第1版 before the first draft", async () => {
      await ctx.db.query("delete from plan_revision");
      const started = await startDraft(ctx.db, await planId(), actor);
      expect(started).toMatchObject({ ok: true, draft: { number: 2 } });
      const baseline = await ctx.db.query<{ number: number; reason: string; content: PlanFile }>(
        "select number, reason, content from plan_revision where status = 'published'",
      );
      expect(baseline.map((r) => [r.number, r.reason])).toEqual([[1, "変更履歴の記録を始めた時点の計画"]]);
      expect(baseline[0]!.content).toEqual(tokushimaPlan());
    });

    it("refuses to import a changed file while a draft is open, changing nothing", async () => {
      const changed = tokushimaPlan();
      changed.initiatives[0]!.kpis[0]!.targets["2025"] = "210";
      const result = await importPlan(ctx.db, { lgCode: "362018", plan: changed });
      expect(result).toMatchObject({ ok: false });
      expect((result as { message: string }).message).toContain("下書き（第2版）");
      expect(planToFile((await loadPlan(ctx.db, await planId()))!)).toEqual(tokushimaPlan());
      // The same content as published is still "unchanged", draft or not.
      expect(await importPlan(ctx.db, { lgCode: "362018", plan: tokushimaPlan() })).toMatchObject({ ok: true, status: "unchanged" });
    });
  },
  { setup: async (db) => void (await loadTokushima(db)) },
);

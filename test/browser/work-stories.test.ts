/**
 * Every role sees its work (#7 §2), in Chromium on a 390 px phone: the
 * division head signs in, finds the report waiting for approval on 職員ホーム,
 * opens it from the task list, reads the next step, corrects 評価の理由 and
 * presses 「課長として承認する」 — and what was typed is what is saved
 * (decision 025). The officer of a returned report reads its reason at the
 * top; the committee member's home is the review queue; the secretariat
 * filters the overview. axe-core on each of these pages.
 */
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { openCycle } from "../../src/modules/cycle/commands/open-cycle.ts";
import { insertEvent } from "../../src/modules/cycle/repository/report-writes.ts";
import { findCurrentPlan, loadPlan } from "../../src/modules/plan/repository/plan-queries.ts";
import { findMunicipality } from "../../src/modules/tenancy/repository/municipality-queries.ts";
import { createStaff, currentCode, type TestStaff } from "../support/accounts.ts";
import { describeInBrowser, expectNoAxeViolations } from "../support/browser.ts";

const LG = "362018";
const STAFF = `/${LG}/staff`;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const TYPED_REASON = "Wi-Fi整備を予定どおり27か所で完了し、避難所での通信手段を確保したため（課長が補足）";
const RETURN_REASON = "実績値の出典に台帳の年度を書いてください";

async function divisionId(db: Database, name: string): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    "select d.id from division d join municipality m on m.id = d.municipality_id where m.lg_code = $1 and d.name = $2",
    [LG, name],
  );
  return row!.id;
}

async function reportId(db: Database, number: number): Promise<number> {
  const [row] = await db.query<{ id: number }>("select r.id from initiative_report r join initiative i on i.id = r.initiative_id where i.number = $1", [number]);
  return row!.id;
}

/** The 2022 cycle open; initiative 6 written and waiting for its head; initiative 4 returned with a reason. */
async function setup(db: Database) {
  const municipality = (await findMunicipality(db, LG))!;
  const plan = (await loadPlan(db, (await findCurrentPlan(db, municipality.id))!.id))!;
  const ctx = { municipality, actor: { userId: null, label: "テスト" }, ip: null };
  const opened = await openCycle(db, ctx, { plan, fiscalYear: 2022, deadlines: { reportDue: "2023-05-31", reviewDue: "2023-06-14", committeeDue: "2023-06-28" } });
  if (!opened.ok) throw new Error(opened.message);
  await db.query("update initiative_report set self_grade = 'A', grade_reasons = '計画どおり整備した' where id = $1", [await reportId(db, 6)]);
  const returned = await reportId(db, 4);
  await db.query("update initiative_report set state = 'returned' where id = $1", [returned]);
  await insertEvent(db, { reportId: returned, action: "return", fromState: "submitted", toState: "returned", comment: RETURN_REASON, role: "secretariat" }, { userId: null, label: "事務局 担当" });
}

describeInBrowser(
  "every role sees its work (390 px)",
  (ctx) => {
    let head: TestStaff;
    let officer: TestStaff;
    let committee: TestStaff;
    let secretariat: TestStaff;

    beforeAll(async () => {
      head = await createStaff(ctx.db, { lgCode: LG, roles: ["division_head"], divisionId: await divisionId(ctx.db, "危機管理課"), name: "危機 課長" });
      officer = await createStaff(ctx.db, { lgCode: LG, roles: ["digital_officer"], divisionId: await divisionId(ctx.db, "健康長寿課") });
      committee = await createStaff(ctx.db, { lgCode: LG, roles: ["committee_member"] });
      secretariat = await createStaff(ctx.db, { lgCode: LG, roles: ["secretariat"], totp: true, divisionId: await divisionId(ctx.db, "デジタル推進課") });
    });

    async function signIn(staff: TestStaff): Promise<Page> {
      const page = await ctx.newPage(PHONE);
      await page.goto(`${ctx.url}${STAFF}/sign-in`);
      await page.getByLabel("ログインID").fill(staff.loginId);
      await page.getByLabel("パスワード").fill(staff.password);
      await page.getByRole("button", { name: "サインイン" }).click();
      if (staff.totpSecret) {
        await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(staff.totpSecret));
        await page.getByRole("button", { name: "確認" }).click();
      }
      await page.waitForURL((url) => url.pathname === STAFF);
      return page;
    }

    it("the head approves from the task list after editing the reason; the typed reason is saved", async () => {
      const page = await signIn(head);
      await page.getByRole("heading", { level: 1, name: "職員ホーム" }).waitFor();
      const tasks = page.getByRole("region", { name: "あなたを待っている作業" });
      const row = tasks.getByRole("row").filter({ hasText: "課長承認" }).filter({ hasText: "6 防災拠点" });
      await expectNoAxeViolations(page);
      await row.getByRole("link").click();
      await page.getByRole("heading", { level: 1, name: /^取組項目6 / }).waitFor();
      expect(await page.locator("#next-step").innerText()).toContain("「課長として承認する」を押してください");
      await expectNoAxeViolations(page);
      await page.getByLabel("評価の理由", { exact: true }).fill(TYPED_REASON);
      await page.getByRole("button", { name: "課長として承認する" }).click();
      await page.getByRole("status").filter({ hasText: "承認しました" }).waitFor();
      const [saved] = await ctx.db.query<{ state: string; grade_reasons: string }>("select state, grade_reasons from initiative_report where id = $1", [await reportId(ctx.db, 6)]);
      expect(saved).toEqual({ state: "head_approved", grade_reasons: TYPED_REASON });
      expect(await page.getByText(TYPED_REASON).count()).toBeGreaterThan(0);
      await page.context().close();
    });

    it("the officer of a returned report finds it first, with its reason at the top of the page", async () => {
      const page = await signIn(officer);
      const first = page.getByRole("region", { name: "あなたを待っている作業" }).getByRole("row").nth(1);
      expect(await first.innerText()).toContain(RETURN_REASON);
      await first.getByRole("link").click();
      await page.getByRole("heading", { level: 2, name: "差戻しの理由" }).waitFor();
      expect(await page.locator("#return-reason").innerText()).toContain(RETURN_REASON);
      await expectNoAxeViolations(page);
      await page.context().close();
    });

    it("the committee member's home is the review queue; the secretariat filters the overview", async () => {
      await ctx.db.query("update initiative_report set state = 'in_review' where id = $1", [await reportId(ctx.db, 6)]);
      const member = await signIn(committee);
      await member.getByRole("region", { name: "あなたを待っている作業" }).getByRole("row").filter({ hasText: "委員会の審査（コメント）" }).first().waitFor();
      await expectNoAxeViolations(member);
      await member.context().close();

      const page = await signIn(secretariat);
      await page.goto(`${ctx.url}${STAFF}/cycles`);
      await page.getByRole("link", { name: /令和4年度/ }).first().click();
      await page.getByLabel("段階").selectOption({ label: "委員会審査中" });
      await page.getByRole("button", { name: "絞り込む" }).click();
      await page.getByText("件中1件を表示しています").waitFor();
      await expectNoAxeViolations(page);
      const res = await page.goto(`${page.url().split("?")[0]}?grade=X`);
      expect(res?.status()).toBe(400);
      await expectNoAxeViolations(page);
      await page.context().close();
    });
  },
  { seed: "tokushima", setup },
);

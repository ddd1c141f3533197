/**
 * The cycle's pages in Chromium, found the way a person finds them (roles and
 * labels), with axe-core on every page type — staff and public, valid and
 * invalid forms — and zero violations allowed. Skipped where Chromium is
 * missing (failed under CI), like the other browser tests.
 */
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { createStaff, currentCode, type TestStaff } from "../support/accounts.ts";
import { describeInBrowser, expectNoAxeViolations, MOBILE } from "../support/browser.ts";
import { divisionId, LEAD, LG } from "./cycle-support.ts";

describeInBrowser(
  "PDCA cycle pages in the browser",
  (ctx) => {
    let secretariat: Page;
    let officer: Page;
    let cycleUrl = "";

    const signIn = async (staff: TestStaff, options = {}) => {
      const page = await ctx.newPage(options);
      await page.goto(`${ctx.url}/${LG}/staff/cycles`);
      await page.getByLabel("ログインID").fill(staff.loginId);
      await page.getByLabel("パスワード").fill(staff.password);
      await page.getByRole("button", { name: "サインイン" }).click();
      if (staff.totpSecret) {
        await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(staff.totpSecret));
        await page.getByRole("button", { name: "確認" }).click();
      }
      await page.waitForURL(/\/staff\/cycles$/);
      return page;
    };

    beforeAll(async () => {
      const s = await createStaff(ctx.db, { lgCode: LG, roles: ["secretariat"], totp: true });
      const o = await createStaff(ctx.db, { lgCode: LG, roles: ["digital_officer"], divisionId: await divisionId(ctx.db, LG, LEAD) });
      secretariat = await signIn(s);
      officer = await signIn(o, MOBILE);
    });

    it("opens a cycle: the hub, the form with its errors, the overview", async () => {
      await expectNoAxeViolations(secretariat);
      await secretariat.getByRole("link", { name: "評価を開始する" }).click();
      await expectNoAxeViolations(secretariat);
      await secretariat.getByLabel("各課の提出期限").fill("2023-05-31");
      await secretariat.getByLabel("事務局の確認期限").fill("2023-05-01");
      await secretariat.getByRole("button", { name: "評価を開始する" }).click();
      expect(await secretariat.title()).toMatch(/^エラー: 評価を開始する/);
      await expectNoAxeViolations(secretariat);
      await secretariat.getByLabel("事務局の確認期限").fill("2023-06-14");
      await secretariat.getByLabel("デジタル化推進委員会の期限").fill("2023-06-28");
      await secretariat.getByRole("button", { name: "評価を開始する" }).click();
      await secretariat.waitForURL(/\/cycles\/\d+\?notice=opened(&nomail=\d+)?$/);
      cycleUrl = secretariat.url().replace(/\?.*$/, "");
      expect(await secretariat.getByRole("status").innerText()).toContain("評価を開始しました");
      await expectNoAxeViolations(secretariat);
    });

    it("the secretariat's other pages", async () => {
      for (const path of ["outbox", "collectives", "collectives/2", "evaluation", "cycles"]) {
        await secretariat.goto(`${ctx.url}/${LG}/staff/${path}`);
        await expectNoAxeViolations(secretariat);
      }
      await secretariat.goto(`${cycleUrl}/initiatives/6`);
      await expectNoAxeViolations(secretariat);
    });

    it("the officer's tasks and report, with an invalid then a valid save (on a phone)", async () => {
      await officer.getByRole("link", { name: "自分の作業（対応が必要な報告）" }).click();
      await expectNoAxeViolations(officer);
      await officer.getByRole("link", { name: /^6 防災拠点/ }).click();
      await expectNoAxeViolations(officer);
      await officer.getByRole("group", { name: "自己評価" }).getByLabel(/^B:/).check();
      await officer.getByRole("button", { name: "報告を保存する" }).click();
      expect(await officer.title()).toMatch(/^エラー: 取組項目6/);
      const summary = officer.getByRole("alert").filter({ hasText: "入力内容を確認してください" });
      expect(await summary.innerText()).toContain("B評価の場合は、改善策を入力してください");
      await expectNoAxeViolations(officer);
      await officer.getByLabel("評価の理由").fill("25か所の整備にとどまった");
      await officer.getByLabel("課題").fill("業者の確保");
      await officer.getByLabel("改善策").fill("早期発注");
      await officer.getByLabel("防災拠点へのWi-Fi環境整備箇所数の実績値（基）").fill("25");
      await officer.getByLabel(/防災拠点へのWi-Fi環境整備箇所数の時点/).fill("2023-03-31");
      await officer.getByLabel("防災拠点へのWi-Fi環境整備箇所数の出典").fill("整備台帳");
      await officer.getByRole("button", { name: "報告を保存する" }).click();
      await officer.waitForURL(/notice=saved$/);
      expect(await officer.getByRole("status").innerText()).toContain("報告を保存しました");
      await expectNoAxeViolations(officer);
    });

    it("the public results, once published", async () => {
      await ctx.db.query(
        `update initiative_report r set state = 'published', cio_grade = 'A', cio_grade_reason = '年度明けに完了'
           from initiative i where i.id = r.initiative_id and i.number = 6`,
      );
      await ctx.db.query("update municipality set public_changed_at = now() + interval '1 second'");
      const citizen = await ctx.newPage();
      for (const path of [`/${LG}/initiatives/6`, `/${LG}/results`, `/${LG}/results/2022`]) {
        const response = await citizen.goto(ctx.url + path);
        expect(response?.status()).toBe(200);
        await expectNoAxeViolations(citizen);
      }
      await citizen.goto(`${ctx.url}/${LG}/initiatives/6`);
      const chart = citizen.getByRole("img", { name: /防災拠点へのWi-Fi環境整備箇所数の目標値と実績値/ });
      expect(await chart.getAttribute("aria-labelledby")).toMatch(/^result-chart-.*-caption$/);
      // Its text alternative: the table beside it.
      const table = citizen.getByRole("table", { name: /防災拠点へのWi-Fi環境整備箇所数の目標値と実績値（グラフの数値）/ });
      expect(await table.getByRole("row", { name: /令和4年度/ }).innerText()).toMatch(/27基\s+25基/);
    });

    it("publishing (preview → confirm), a correction, the profile and the readings (issue #6)", async () => {
      await ctx.db.query(
        `update initiative_report r set state = 'finalised', self_grade = 'A', grade_reasons = '計画どおり運用した', lock_version = lock_version + 1
           from initiative i where i.id = r.initiative_id and i.number = 7`,
      );
      await secretariat.goto(cycleUrl);
      await secretariat.getByRole("link", { name: "公表する内容を確認する" }).click();
      expect(await secretariat.getByText(/^37項目中1項目を公表します/).first().innerText()).toContain("未確定35件は公表されません");
      await expectNoAxeViolations(secretariat);
      await secretariat.getByRole("button", { name: "1項目を公表する" }).click();
      await secretariat.waitForURL(/notice=published$/);

      await secretariat.goto(`${cycleUrl}/initiatives/6/correction`);
      await expectNoAxeViolations(secretariat);
      await secretariat.getByRole("group", { name: /^評価/ }).getByRole("radio", { name: /^S:/ }).check();
      await secretariat.getByRole("button", { name: "訂正する" }).click();
      expect(await secretariat.title()).toMatch(/^エラー: 取組項目6の評価結果の訂正/);
      await expectNoAxeViolations(secretariat);
      await secretariat.getByLabel("訂正の理由").fill("評価の集計誤りを訂正しました");
      await secretariat.getByRole("button", { name: "訂正する" }).click();
      await secretariat.waitForURL(/notice=corrected$/);
      await expectNoAxeViolations(secretariat);

      await secretariat.goto(`${ctx.url}/${LG}/staff/profile`);
      await expectNoAxeViolations(secretariat);
      await secretariat.getByLabel("電話番号").fill("0886215111");
      await secretariat.getByRole("button", { name: "保存する" }).click();
      expect(await secretariat.title()).toMatch(/^エラー: 自治体の情報/);
      await expectNoAxeViolations(secretariat);
      await secretariat.getByLabel("電話番号").fill("088-621-5111");
      await secretariat.getByLabel("担当課").fill("企画政策局 デジタル推進課");
      await secretariat.getByRole("button", { name: "保存する" }).click();
      await secretariat.waitForURL(/notice=saved$/);

      await secretariat.goto(`${ctx.url}/${LG}/staff/readings`);
      await expectNoAxeViolations(secretariat);
      await secretariat.getByRole("button", { name: "取組項目1の読み取りをすべて確認した（3件）" }).click();
      await secretariat.waitForURL(/confirmed=3#initiative-1$/);
      await expectNoAxeViolations(secretariat);
      // The survey's readings (survey/evidence): the same kind of page; confirming is covered by survey-evidence.test.ts.
      await secretariat.goto(`${ctx.url}/${LG}/staff/surveys/readings`);
      await expectNoAxeViolations(secretariat);

      const citizen = await ctx.newPage(MOBILE);
      for (const path of [`/${LG}/initiatives/6`, `/${LG}/results/2022`, `/${LG}/changes`]) {
        await citizen.goto(ctx.url + path);
        await expectNoAxeViolations(citizen);
      }
      await citizen.goto(`${ctx.url}/${LG}/initiatives/6`);
      expect(await citizen.locator(".correction-note").first().innerText()).toMatch(/^訂正（令和\d+年\d+月\d+日）：評価の集計誤りを訂正しました（訂正前：A）/);
      expect(await citizen.locator("footer").innerText()).toContain("お問い合わせ");
    });
  },
  { seed: "tokushima" },
);

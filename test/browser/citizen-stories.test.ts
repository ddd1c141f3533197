/**
 * A citizen using the portal in a real browser, finding things the way a
 * person does: by the labels and names on the screen (roles, labels, link
 * text), not by markup details.
 */
import { readFile } from "node:fs/promises";
import type { Locator, Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeInBrowser, MOBILE } from "../support/browser.ts";
import { tokushimaPlan } from "../support/fixtures.ts";

const plan = tokushimaPlan();
const initiative12 = plan.initiatives.find((i) => i.number === 12)!;
/** What the filters 取組方針 2 + 数値目標がある取組のみ must find, straight from the plan file. */
const policy2WithKpis = plan.initiatives.filter((i) => i.policy === 2 && i.kpis.length > 0).map((i) => i.title);

/** The titles listed in the result table of the initiative list. */
async function resultTitles(page: Page): Promise<string[]> {
  const table = page.getByRole("table", { name: /^取組項目（\d+件）$/ });
  return table.getByRole("rowheader").getByRole("link").allInnerTexts();
}

/** The text a screen reader announces for an element: its text without aria-hidden parts. */
function spokenText(locator: Locator): Promise<string> {
  return locator.evaluate((element) => {
    const copy = element.cloneNode(true) as Element;
    for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
    return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
  });
}

/** The cells of a row in column order: its row header, then its data cells. */
async function rowTexts(row: Locator): Promise<string[]> {
  return [await spokenText(row.getByRole("rowheader")), ...(await Promise.all((await row.getByRole("cell").all()).map(spokenText)))];
}

/** A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") record.push(field), (field = "");
    else if (ch === "\n") record.push(field.replace(/\r$/, "")), records.push(record), (record = []), (field = "");
    else field += ch;
  }
  if (field !== "" || record.length > 0) record.push(field), records.push(record);
  const [header, ...rows] = records;
  return rows.map((r) => Object.fromEntries(header!.map((name, i) => [name, r[i] ?? ""])));
}

describeInBrowser(
  "a citizen reading the plan",
  (ctx) => {
    it("finds initiative 12 with the filters, reads its 令和6年度 targets and downloads them as CSV", async () => {
      const page = await ctx.newPage();
      await page.goto(`${ctx.url}/362018/initiatives`);

      await page.getByLabel("取組方針").selectOption("2");
      await page.getByLabel("数値目標がある取組のみ").check();
      await page.getByRole("button", { name: "絞り込む" }).click();
      await page.waitForURL(/policy=2/);
      expect(new URL(page.url()).searchParams.get("kpi")).toBe("1");
      await page.getByRole("heading", { name: `絞り込み結果: ${policy2WithKpis.length}件` }).waitFor();
      expect(await resultTitles(page)).toEqual(policy2WithKpis);

      await page.getByRole("link", { name: initiative12.title, exact: true }).click();
      await page.waitForURL(/\/362018\/initiatives\/12$/);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toContain(initiative12.title);

      const kpiTable = page.getByRole("table", { name: "取組項目12の数値目標" });
      const headers = await kpiTable.getByRole("columnheader").allInnerTexts();
      const fy2024 = headers.findIndex((h) => h.includes("令和6年度"));
      expect(fy2024).toBeGreaterThan(0);
      const childAllowance = await rowTexts(kpiTable.getByRole("row", { name: /電子申請による受付件数\(児童手当\)/ }));
      expect(childAllowance[fy2024]).toBe("160件");
      const care = await rowTexts(kpiTable.getByRole("row", { name: /電子申請による受付件数\(介護関係\)/ }));
      expect(care[fy2024]).toBe("30件");

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "数値目標をCSV形式でダウンロード" }).click(),
      ]);
      expect(download.url()).toBe(`${ctx.url}/362018/open-data/kpi-targets.csv?initiative=12`);
      const csv = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
      const rows = parseCsv(csv);
      expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(["fiscal_year", "target_value"]));
      const target = (label: string, year: string) =>
        rows.filter((r) => r.label!.includes(label) && r.fiscal_year === year).map((r) => r.target_value);
      expect(target("児童手当", "2024")).toEqual(["160"]);
      expect(target("介護関係", "2024")).toEqual(["30"]);
      // 「—」 in the plan (no target) stays empty in the data, never 0.
      expect(target("介護関係", "2022")).toEqual([""]);
      expect(rows.every((r) => r.initiative_number === "12")).toBe(true);
    });

    it("can share the filtered list as a link that works with JavaScript turned off", async () => {
      const page = await ctx.newPage({ javaScriptEnabled: false });
      await page.goto(`${ctx.url}/362018/initiatives?policy=2&kpi=1`);
      await page.getByRole("heading", { name: `絞り込み結果: ${policy2WithKpis.length}件` }).waitFor();
      expect(await resultTitles(page)).toEqual(policy2WithKpis);
      // The form shows the conditions the list was filtered by, so they can be changed from there.
      expect(await page.getByLabel("取組方針").inputValue()).toBe("2");
      expect(await page.getByLabel("数値目標がある取組のみ").isChecked()).toBe(true);

      // Changing the conditions is a plain GET form: no script needed either.
      await page.getByLabel("数値目標がある取組のみ").uncheck();
      await page.getByRole("button", { name: "絞り込む" }).click();
      await page.waitForURL((url) => url.searchParams.get("policy") === "2" && !url.searchParams.has("kpi"));
      const policy2 = plan.initiatives.filter((i) => i.policy === 2).map((i) => i.title);
      expect(await resultTitles(page)).toEqual(policy2);
    });

    it("finds initiatives by a word in their content", async () => {
      const word = "押印";
      const expected = plan.initiatives.filter((i) => i.content.some((line) => line.includes(word)));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.every((i) => !i.title.includes(word))).toBe(true); // found by content, not by title

      const page = await ctx.newPage();
      await page.goto(`${ctx.url}/362018/initiatives`);
      await page.getByRole("searchbox", { name: "キーワード" }).fill(word);
      await page.getByRole("button", { name: "絞り込む" }).click();
      await page.waitForURL((url) => url.searchParams.get("q") === word);
      expect(await resultTitles(page)).toEqual(expected.map((i) => i.title));
    });

    it("follows a glossary term in the plan text to its definition", async () => {
      const term = plan.glossary.find((t) => t.term === "マイナポータル")!;
      const page = await ctx.newPage();
      await page.goto(`${ctx.url}/362018/initiatives/12`);
      await page.getByRole("link", { name: term.term, exact: true }).click();
      await page.waitForURL(/\/362018\/glossary#term-\d+$/);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("用語説明");
      const target = page.locator(":target");
      expect(await target.innerText()).toBe(term.term);
      expect(await target.evaluate((dt) => dt.nextElementSibling?.textContent)).toBe(term.description);
    });

    it("reads the schedule with a column header per fiscal year and each phase said in text", async () => {
      const page = await ctx.newPage();
      await page.goto(`${ctx.url}/362018/initiatives/12`);
      const table = page.getByRole("table", { name: "取組項目12の年度別の取組計画" });
      const headers = (await table.getByRole("columnheader").allInnerTexts()).map((h) => h.replace(/\s+/g, ""));
      expect(headers).toEqual([
        "取組",
        "令和4年度（2022年度）",
        "令和5年度（2023年度）",
        "令和6年度（2024年度）",
        "令和7年度（2025年度）",
      ]);

      const rows = await table.getByRole("row").all();
      expect(rows.length - 1).toBe(initiative12.schedule.length);
      for (const row of rows.slice(1)) {
        const cells = await Promise.all((await row.getByRole("cell").all()).map(spokenText));
        expect(cells).toHaveLength(4);
        for (const cell of cells) expect(["検討", "実施", "拡大", "なし"]).toContain(cell);
      }
      const care = await rowTexts(table.getByRole("row", { name: /オンライン手続の推進\(介護関係\)/ }));
      expect(care.slice(1)).toEqual(["検討", "実施", "実施", "実施"]);
    });

    it("on a phone (375×667), pages do not scroll sideways; wide tables scroll inside their own region", async () => {
      const page = await ctx.newPage(MOBILE);
      const paths = [
        "/362018",
        ...plan.policies.map((p) => `/362018/policies/${p.number}`),
        "/362018/initiatives",
        ...plan.initiatives.map((i) => `/362018/initiatives/${i.number}`),
        "/362018/divisions",
        "/362018/coverage",
        "/362018/glossary",
        "/362018/evaluation-history",
        "/362018/open-data",
        "/accessibility",
      ];
      for (const path of paths) {
        await page.goto(ctx.url + path);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        expect(scrollWidth, `${path} scrolls sideways`).toBeLessThanOrEqual(clientWidth);
      }

      await page.goto(`${ctx.url}/362018/initiatives/12`);
      const region = page.getByRole("region", { name: "取組項目12の数値目標" });
      const scrolls = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
      expect(scrolls).toBe(true);
      // A keyboard user can reach the scrolling table and scroll it.
      await region.focus();
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction((el) => el!.scrollLeft > 0, await region.elementHandle());
    });
  },
  { seed: "tokushima" },
);

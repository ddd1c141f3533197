/**
 * The plan's 2021 citizen survey as data (issue #8 §1), over the "tokushima"
 * seed, which loads plan-data/362018-survey-2021.yaml after the plan: the
 * stored tables reproduce the printed ones cell by cell, totals check, the
 * stated figures are computed from the stored cells, findings link to
 * initiatives on both pages, the open dataset holds the published cells —
 * and another municipality on the same site sees none of it.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/main.ts";
import { expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import { importSurvey } from "../../src/modules/survey/evidence/commands/import-survey.ts";
import { publishSurveyTable } from "../../src/modules/survey/evidence/commands/publish-table.ts";
import { cellOf, totalDiscrepancies } from "../../src/modules/survey/evidence/domain/published-table.ts";
import { headlinesOf } from "../../src/modules/survey/evidence/domain/survey-evidence.ts";
import { parseSurveyText } from "../../src/modules/survey/evidence/read-survey-file.ts";
import { loadSurveyEvidence } from "../../src/modules/survey/evidence/repository/evidence-queries.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { tokushimaPlan } from "../support/fixtures.ts";
import { foldSpace, visibleText } from "../support/html.ts";
import { TOKUSHIMA_SURVEY_CODE, TOKUSHIMA_SURVEY_FILE } from "../support/survey-fixtures.ts";
import { person } from "./cycle-support.ts";
import { fetchCsv, records } from "./opendata-support.ts";

const OTHER_LG = "131016";
const AGES = ["U20", "A20", "A30", "A40", "A50", "A60", "A70", "NA"];

/** The two tables as the plan prints them (chapter 8): rows of [code, 8 age bands…, total], then the totals row. */
const PRINTED = {
  "q1-internet-by-age": {
    rows: [
      ["1", 4, 34, 79, 94, 85, 85, 35, 4, 420],
      ["2", 0, 0, 0, 2, 2, 4, 7, 0, 15],
      ["3", 0, 1, 2, 2, 2, 12, 47, 3, 69],
      ["NA", 0, 0, 0, 0, 0, 1, 1, 0, 2],
    ],
    totals: [4, 35, 81, 98, 89, 102, 90, 7, 506],
  },
  "q5-e-application-by-age": {
    rows: [
      ["1", 1, 9, 27, 27, 24, 26, 4, 3, 121],
      ["2", 0, 9, 24, 36, 37, 31, 14, 1, 152],
      ["3", 0, 1, 3, 14, 14, 26, 51, 3, 112],
      ["4", 3, 16, 27, 20, 14, 18, 15, 0, 113],
      ["NA", 0, 0, 0, 1, 0, 1, 6, 0, 8],
    ],
    totals: [4, 35, 81, 98, 89, 102, 90, 7, 506],
  },
} as const;

async function seed(db: Database): Promise<void> {
  const other = await importPlan(db, { lgCode: OTHER_LG, municipalityName: "千代田区", plan: tokushimaPlan() });
  if (!other.ok) throw new Error(other.message);
}

describeEachDatabase(
  "the plan's citizen survey as evidence",
  (ctx) => {
    let app: ReturnType<typeof testApp> | undefined;
    const request = (path: string) => (app ??= testApp(ctx.db)).request(path);
    const page = async (path: string, status = 200) => {
      const res = await request(path);
      expect(res.status, path).toBe(status);
      return visibleText(await res.text());
    };
    const municipalityId = async (lgCode: string) => (await ctx.db.query<{ id: number }>("select id from municipality where lg_code = $1", [lgCode]))[0]!.id;

    it("stores every printed cell and total exactly as printed, and the totals add up", async () => {
      const survey = (await loadSurveyEvidence(ctx.db, await municipalityId("362018"), TOKUSHIMA_SURVEY_CODE))!;
      expect(survey).toMatchObject({ sampleSize: 1300, responses: 506, responseRate: "38.9", method: "郵送配布、郵送回収", periodStart: "2021-06-17", periodEnd: "2021-07-14" });
      expect(survey.questionGroups.map((g) => g.count)).toEqual([3, 8, 5, 3, 5, 2, 4]);
      expect(survey.tables.map((t) => t.number)).toEqual(["①", "②", "③", "④", "⑤", "⑥"]);
      for (const [key, printed] of Object.entries(PRINTED)) {
        const table = survey.tables.find((t) => t.key === key)!;
        expect(table.columns.map((c) => c.code)).toEqual(AGES);
        for (const [code, ...counts] of printed.rows) {
          [...AGES, null].forEach((age, i) => expect(cellOf(table, code, age), `${key} ${code} ${age}`).toBe(String(counts[i])));
        }
        [...AGES, null].forEach((age, i) => expect(cellOf(table, null, age), `${key} total ${age}`).toBe(String(printed.totals[i])));
        expect(table.cells.size).toBe((printed.rows.length + 1) * (AGES.length + 1));
        expect(totalDiscrepancies(table)).toEqual([]);
      }
      // The labels differ between the two printed tables; each keeps its own.
      expect(survey.tables[0]!.columns[1]!.label).toBe("20～29歳");
      expect(survey.tables[4]!.columns[1]!.label).toBe("20歳～29歳");
      for (const t of survey.tables.filter((t) => !(t.key in PRINTED))) {
        expect(t.cells.size).toBe(0);
        expect(t.note).toContain("この設問の数値は計画書の本文に掲載されていません");
      }
    });

    it("computes the figures the plan states from the stored cells, and they match the print", async () => {
      const survey = (await loadSurveyEvidence(ctx.db, await municipalityId("362018"), TOKUSHIMA_SURVEY_CODE))!;
      const figures = headlinesOf(survey).map((h) => [h.count, h.base, h.percent, h.statedPercent]);
      expect(figures).toEqual([
        [420, 506, "83", "83"],
        [85, 102, "83", "83"],
        [35, 90, "39", "39"],
        [121, 506, "24", "24"],
        [113, 506, "22", "22"],
      ]);
      // A changed stored cell changes the figure: it is computed, not typed.
      const table = survey.tables[0]!;
      const altered = { ...table, cells: new Map(table.cells).set("1\u0000", "430") };
      expect(headlinesOf({ ...survey, tables: [altered, ...survey.tables.slice(1)] })[0]!.percent).toBe("85");
    });

    it("refuses a file whose printed total disagrees with its cells, naming the place in Japanese", async () => {
      const text = await readFile(TOKUSHIMA_SURVEY_FILE, "utf8");
      const wrongRow = parseSurveyText(text.replace("[4, 34, 79, 94, 85, 85, 35, 4], total: 420", "[4, 34, 79, 94, 85, 85, 35, 4], total: 421"), "survey.yaml");
      expect(wrongRow.ok).toBe(false);
      if (wrongRow.ok) return;
      expect(wrongRow.problems).toContainEqual({
        file: "survey.yaml",
        path: "tables[0].rows[0].total",
        message: "表①「インターネットの利用状況」の行「利用している」の合計が 421 と書かれていますが、各列の和は 420 です（印字を確認してください）",
      });
      const wrongColumn = parseSurveyText(text.replace("[1, 9, 27, 27, 24, 26, 4, 3], total: 121", "[1, 9, 27, 27, 24, 26, 5, 3], total: 122"), "survey.yaml");
      expect(wrongColumn.ok).toBe(false);
      if (!wrongColumn.ok) {
        expect(wrongColumn.problems.map((p) => p.path)).toContain("tables[4].columnTotals[6]");
        expect(wrongColumn.problems.find((p) => p.path === "tables[4].columnTotals[6]")!.message).toContain("列「70歳以上」の合計が 90 と書かれていますが、各行の和は 91 です");
      }
      const wrongStated = parseSurveyText(text.replace("statedPercent: 39", "statedPercent: 40"), "survey.yaml");
      expect(!wrongStated.ok && wrongStated.problems.map((p) => p.message)).toContainEqual(expect.stringContaining("35/90 で 39% ですが、40% と書かれています"));
      // The CLI validates before it opens any database: the wrong file changes nothing.
      const dir = await mkdtemp(join(tmpdir(), "survey-file-"));
      const file = join(dir, "survey.yaml");
      await writeFile(file, text.replace("[4, 34, 79, 94, 85, 85, 35, 4], total: 420", "[4, 34, 79, 94, 85, 85, 35, 4], total: 421"));
      const said: string[] = [];
      expect(await runCli(["import-survey", file], { log: (m: string) => void said.push(m), error: (m: string) => void said.push(m) } as unknown as Console)).toBe(1);
      expect(said.join("\n")).toContain(`調査データファイルに誤りがあるため、何も変更していません:\n${file} の tables[0].rows[0].total: 表①「インターネットの利用状況」の行「利用している」の合計が 421`);
      await rm(dir, { recursive: true });
      const typo = parseSurveyText(text.replace("sampleSize: 1300", "sampleSize: 1300\nsampleSise: 1300"), "survey.yaml");
      expect(!typo.ok && typo.problems[0]!.message).toContain("sampleSise");
    });

    it("imports the same file again without changing or recording anything", async () => {
      const text = await readFile(TOKUSHIMA_SURVEY_FILE, "utf8");
      const parsed = parseSurveyText(text, "survey.yaml");
      if (!parsed.ok) throw new Error("the shipped file must be valid");
      const audits = async () => (await ctx.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'survey.import'"))[0]!.n;
      const before = await audits();
      expect(before).toBe(1);
      expect(await importSurvey(ctx.db, parsed.survey)).toMatchObject({ ok: true, status: "unchanged" });
      expect(await audits()).toBe(before);
      const readings = await ctx.db.query<{ printed: string; reading: string; confirmed_at: Date | null }>("select printed, reading, confirmed_at from survey_reading where key not like 'link-%' order by key");
      expect(readings).toEqual([
        { printed: "窓口に outward するのが面倒", reading: "窓口に出向くのが面倒", confirmed_at: null },
        { printed: "窓口に outward 時間がない", reading: "窓口に出向く時間がない", confirmed_at: null },
      ]);
      // Each assumed finding ↔ initiative link is a reading to confirm as well.
      const links = await ctx.db.query<{ key: string }>("select key from survey_reading where key like 'link-%' order by key");
      expect(links.map((l) => l.key)).toEqual(["link-1-3", "link-2-12", "link-3-35"]);
    });

    it("shows the survey page: method, groups, stated figures with the rule, both tables, chart-only notes, findings with initiatives", async () => {
      const list = await page("/362018/surveys");
      expect(list).toContain("徳島市のデジタル化に関する市民アンケート調査");
      const html = await (await request(`/362018/surveys/${TOKUSHIMA_SURVEY_CODE}`)).text();
      const text = visibleText(html);
      // Cell by cell: each tag a space, so a table row reads as its cells in order.
      const cells = foldSpace(html.replace(/<svg[\s\S]*?<\/svg>/g, " ").replace(/<[^>]+>/g, " "));
      for (const phrase of [
        "標本数 1,300人",
        "調査方法 郵送配布、郵送回収",
        "合計 30問",
        "利用している 4 34 79 94 85 85 35 4 420",
        "合計 4 35 81 98 89 102 90 7 506",
        "電子申請サービスの存在を知らなかった 3 16 27 20 14 18 15 0 113",
        "70歳以上 38.9% 7.8% 52.2% 1.1% 90",
      ]) {
        expect(cells).toContain(phrase);
      }
      for (const phrase of [
        "令和3年6月17日（2021年6月17日）〜令和3年7月14日（2021年7月14日）",
        "506件（有効回収率 38.9%）",
        "インターネットを利用している（全体）：506人中420人、約83%",
        "インターネットを利用している（60～69歳）：102人中85人、約83%",
        "インターネットを利用している（70歳以上）：90人中35人、約39%",
        "電子申請サービスを利用したことがある（全体）：506人中121人、約24%",
        "電子申請サービスの存在を知らなかった（全体）：506人中113人、約22%",
        "小数点以下第1位を四捨五入",
        "窓口に出向くのが面倒",
      ]) {
        expect(text).toContain(phrase);
      }
      expect(text).not.toContain("outward");
      expect(text.match(/この設問の数値は計画書の本文に掲載されていません/g)).toHaveLength(4);
      expect(html.match(/<svg class="chart"/g)).toHaveLength(2);
      for (const [finding, initiative] of [["課題① 高齢者等を対象としたデジタルデバインド（情報格差）への対策", 3], ["課題② 行政手続のオンライン化、電子申請サービスの拡充", 12], ["課題③ 情報セキュリティ対策の徹底", 35]] as const) {
        expect(text).toContain(finding);
        expect(html).toContain(`href="/362018/initiatives/${initiative}"`);
      }
      expect(text).toContain("確認中");
    });

    it("shows on the initiative page the finding it answers and the figures behind it; other initiatives show none", async () => {
      const twelve = await page("/362018/initiatives/12");
      expect(twelve).toContain("市民アンケートから見えた課題");
      expect(twelve).toContain("課題② 行政手続のオンライン化、電子申請サービスの拡充");
      expect(twelve).toContain("電子申請サービスを利用したことがある（全体）：506人中121人、約24%");
      expect(twelve).not.toContain("インターネットを利用している（全体）");
      expect(await (await request("/362018/initiatives/12")).text()).toContain(`href="/362018/surveys/${TOKUSHIMA_SURVEY_CODE}#finding-2"`);
      expect(await page("/362018/initiatives/3")).toContain("90人中35人、約39%");
      expect(await page("/362018/initiatives/13")).not.toContain("市民アンケートから見えた課題");
    });

    it("publishes the cells and totals as open data in long format with a codebook and in the catalog, CKAN and OpenAPI", async () => {
      const file = await fetchCsv({ request }, "/362018/open-data/survey-tables.csv");
      const rows = records(file);
      expect(rows).toHaveLength(45 + 54);
      for (const [key, printed] of Object.entries(PRINTED)) {
        for (const [code, ...counts] of printed.rows) {
          [...AGES, null].forEach((age, i) => {
            const row = rows.find((r) => r.table_key === key && r.answer_code === code && r.column_code === age);
            expect(row?.count, `${key} ${code} ${age}`).toBe(String(counts[i]));
          });
        }
      }
      expect(rows.find((r) => r.table_key === "q1-internet-by-age" && r.answer_code === null && r.column_code === null)).toMatchObject({ answer_label: "合計", column_label: "合計", count: "506", column_dimension: "age_band" });
      expect(rows.find((r) => r.column_code === "NA")!.column_label).toBe("年齢無回答");
      const codebook = await page("/362018/open-data/survey-tables");
      for (const column of ["answer_code", "column_code", "count", "table_source"]) expect(codebook).toContain(column);
      expect(await page("/362018/open-data")).toContain("市民アンケートの集計表");
      const packages = (await (await request("/api/3/action/package_list")).json()) as { result: string[] };
      expect(packages.result).toContain("362018-survey-tables");
      const openapi = JSON.stringify(await (await request("/api/openapi.json")).json());
      expect(openapi).toContain("survey-tables");
    });

    it("stores a crosstab the analysis module publishes in the same tables: suppressed cells stay empty, wrong totals are refused", async () => {
      const tokushima = await municipalityId("362018");
      const survey = (await loadSurveyEvidence(ctx.db, tokushima, TOKUSHIMA_SURVEY_CODE))!;
      const context = { municipalityId: tokushima, actor: { userId: null, label: "テスト" }, ip: null };
      const table = {
        key: "test-q1-simple",
        number: null,
        title: "集計テスト",
        questionCode: "Q_INTERNET",
        questionText: "インターネットの利用状況",
        kind: "single" as const,
        rowTitle: null,
        columnAttribute: null,
        columnQuestionCode: null,
        columnTitle: null,
        unit: "人",
        weighted: false,
        definitionVersion: 1,
        note: null,
        rows: [{ code: "1", label: "利用している" }, { code: "2", label: "利用していないが、今後は利用したい" }],
        columns: [],
        cells: [{ row: "1", column: null, count: 40 }, { row: "2", column: null, count: null }, { row: null, column: null, count: 43 }],
      };
      const wrong = await publishSurveyTable(ctx.db, context, survey.id, { ...table, cells: [{ row: "1", column: null, count: 40 }, { row: "2", column: null, count: 2 }, { row: null, column: null, count: 43 }] });
      expect(wrong).toEqual({ ok: false, message: "表「集計テスト」の合計が各セルの和と合いません（列「合計」: 合計 43、各行の和 42）" });
      expect(await publishSurveyTable(ctx.db, { ...context, municipalityId: await municipalityId(OTHER_LG) }, survey.id, table)).toEqual({ ok: false, message: "この調査はありません" });
      expect(await publishSurveyTable(ctx.db, context, survey.id, table)).toMatchObject({ ok: true });
      const rows = records(await fetchCsv({ request }, "/362018/open-data/survey-tables.csv")).filter((r) => r.table_key === "test-q1-simple");
      expect(rows.map((r) => [r.answer_code, r.column_code, r.count, r.table_source])).toEqual([
        ["1", null, "40", "computed"],
        ["2", null, null, "computed"],
        [null, null, "43", "computed"],
      ]);
      expect(await page(`/362018/surveys/${TOKUSHIMA_SURVEY_CODE}`)).toContain("集計テスト");
      await ctx.db.query("delete from survey_published_table where key = 'test-q1-simple'");
    });

    it("shows another municipality on the same site none of it", async () => {
      expect(await page(`/${OTHER_LG}/surveys`)).toContain("公表している市民アンケートはまだありません");
      await page(`/${OTHER_LG}/surveys/${TOKUSHIMA_SURVEY_CODE}`, 404);
      expect(await page(`/${OTHER_LG}/initiatives/12`)).not.toContain("市民アンケートから見えた課題");
      expect(records(await fetchCsv({ request }, `/${OTHER_LG}/open-data/survey-tables.csv`))).toEqual([]);
      await page("/999999/surveys", 404);
      await page("/362018/surveys/no-such-survey", 404);
    });

    it("lets the secretariat confirm the survey's readings and links; the public 「確認中」 goes at once; others are refused", async () => {
      const survey = `/362018/surveys/${TOKUSHIMA_SURVEY_CODE}`;
      const secretariat = await person(ctx.db, ["secretariat"], { division: "デジタル推進課" });
      const officer = await person(ctx.db, ["digital_officer"], { division: "危機管理課" });
      const readings = "/362018/staff/surveys/readings";
      expect((await officer.browser.get(readings)).status).toBe(403);
      expect((await officer.browser.post(`${readings}/confirm`, { reading: "1:link-2-12" })).status).toBe(403);
      expect((await secretariat.browser.get(readings)).status).toBe(200);
      const list = visibleText(secretariat.browser.lastHtml);
      expect(list).toContain("確認待ち 5件、確認済み 0件（全5件）");
      expect(list).toContain("窓口に outward するのが面倒");
      expect(list).toContain("課題②と取組項目12の対応");
      const value = (key: string) => new RegExp(`name="reading" value="(\\d+:${key})"`).exec(secretariat.browser.lastHtml)![1]!;
      const link = value("link-2-12");
      const texts = [value("finding-2-body-1-a"), value("finding-2-body-1-b")];
      expect(await page("/362018/initiatives/12")).toContain("確認中"); // cached from here on

      expect((await secretariat.browser.post(`${readings}/confirm`, { reading: "999:link-2-12" })).status).toBe(400);
      await secretariat.browser.get(readings);
      expect((await secretariat.browser.post(`${readings}/confirm`, { reading: link })).status).toBe(303);
      const twelve = await page("/362018/initiatives/12");
      const section = twelve.slice(twelve.indexOf("市民アンケートから見えた課題"), twelve.indexOf("国の計画・法律との対応"));
      expect(section).toContain("課題② 行政手続のオンライン化、電子申請サービスの拡充");
      expect(section).not.toContain("確認中");
      const before = await page(survey);
      expect(before).toContain("この本文の文言の一部は、事務局が計画書の原本と照合しているところです");
      await secretariat.browser.get(readings);
      expect((await secretariat.browser.post(`${readings}/confirm`, { reading: texts })).status).toBe(303);
      expect(await page(survey)).not.toContain("この本文の文言の一部は");
      await secretariat.browser.get(readings);
      expect(visibleText(secretariat.browser.lastHtml)).toContain("確認待ち 2件、確認済み 3件（全5件）");
      const [audit] = await ctx.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'survey_reading.confirm'");
      expect(audit!.n).toBe(2);
      // Another municipality's secretariat cannot reach these readings.
      const foreign = await person(ctx.db, ["secretariat"], { lgCode: OTHER_LG });
      await foreign.browser.get(`/${OTHER_LG}/staff/surveys/readings`);
      expect(visibleText(foreign.browser.lastHtml)).toContain("確認する読み取りはありません");
      expect((await foreign.browser.post(`/${OTHER_LG}/staff/surveys/readings/confirm`, { reading: value("link-1-3") })).status).toBe(400);
    });
  },
  { seed: "tokushima", setup: seed },
);

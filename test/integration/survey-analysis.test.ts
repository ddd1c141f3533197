/**
 * The survey analysis (issue #8 §3–4) through HTTP on both databases: the
 * respondent-level import (good and bad files), crosstabs worked by hand
 * (single and multiple choice, NA, weights), the 2021 survey's two printed
 * tables reproduced exactly from an imported respondent-level file, the
 * downloads, publication into the published tables, and who may see it.
 */
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { createMunicipality, createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";
import { fetchCsv, records } from "./opendata-support.ts";
import { createSurvey, PRINTED_Q1, PRINTED_Q5, SMALL, SMALL_CSV, SURVEY_2021, survey2021RespondentCsv } from "../support/survey-analysis.ts";
import { buildCrosstab } from "../../src/modules/survey/analysis/domain/crosstab.ts";
import { crosstabCounts, findAnalysisSurvey } from "../../src/modules/survey/analysis/repository/analysis-queries.ts";
import type { ChoiceQuestion } from "../../src/modules/survey/domain/definition.ts";
import { findQuestion } from "../../src/modules/survey/domain/definition.ts";

const SMALL_PATH = "/362018/staff/surveys/small/analysis";
const PATH_2021 = "/362018/staff/surveys/citizen-2021/analysis";

/** Records of a CSV we wrote (BOM, CRLF, quoted text) as objects keyed by its header. */
function parseCsv(text: string): Record<string, string>[] {
  const lines = text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  const split = (line: string) => [...line.matchAll(/("((?:[^"]|"")*)"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => (m[2] !== undefined ? m[2].replace(/""/g, '"') : m[1]!));
  const header = split(lines[0]!);
  return lines.slice(1).map((line) => Object.fromEntries(split(line).map((v, i) => [header[i]!, v])));
}

describeEachDatabase("survey analysis", (ctx) => {
  let app: ReturnType<typeof testApp>;
  let secretariat: TestStaff;
  let browser: TestBrowser;
  let smallId: number;
  let municipalityId: number;

  const upload = async (path: string, content: string | Uint8Array, name = "respondents.csv") => {
    await browser.get(`${path}/import`);
    const form = new FormData();
    form.set("_csrf", browser.csrfToken()!);
    form.set("file", new File([content as BlobPart], name, { type: "text/csv" }));
    return browser.request(`${path}/import`, { method: "POST", body: form });
  };
  const responseCount = async (surveyId: number) => (await ctx.db.query<{ n: number }>("select count(*)::int as n from survey_response where survey_id = $1", [surveyId]))[0]!.n;
  const crosstab = async (code: string, question: string, by: string, weighted = false) => {
    const survey = (await findAnalysisSurvey(ctx.db, municipalityId, code))!;
    const q = findQuestion(survey.definition, question) as ChoiceQuestion;
    const b = findQuestion(survey.definition, by) as ChoiceQuestion;
    return buildCrosstab({ question: q, by: b, weighted, ...(await crosstabCounts(ctx.db, survey.id, question, by)) });
  };

  it("imports a respondent-level file and crosstabs a single choice with NA and INVALID rows", async () => {
    municipalityId = await createMunicipality(ctx.db, "362018", "徳島市");
    app = testApp(ctx.db);
    secretariat = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true });
    browser = new TestBrowser(app);
    await signInAs(ctx.db, browser, secretariat);
    smallId = await createSurvey(ctx.db, municipalityId, "small", "満足度調査", SMALL);

    const res = await upload(SMALL_PATH, SMALL_CSV);
    expect(res.status).toBe(303);
    expect(await responseCount(smallId)).toBe(10);

    const t = await crosstab("small", "q", "age");
    // Rows 満足 / 不満 / 無回答 / 無効回答; columns 50歳未満 / 50歳以上 / 無回答 (worked by hand from SMALL_CSV).
    expect(t.counts).toEqual([
      [2, 2, 0],
      [1, 2, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(t.bases).toEqual([4, 5, 1]);
    expect(t.total.count).toBe(10);
    expect(t.rowCounts).toEqual([4, 4, 1, 1]);

    const html = await browser.get(`${SMALL_PATH}?question=q&by=age&weighted=0`).then((r) => r.text());
    const text = visibleText(html);
    expect(text).toContain("重みなし集計");
    expect(text).toContain("50歳未満（n=4）");
    expect(text).toContain("50.0※"); // 満足 among the under-50s: 2 of 4, base under 30
    expect(text).toContain("40.0※"); // 2 of 5
    expect(text).toContain("無効回答");
    expect(text).toContain("±49.0"); // 1.96·√(0.25/4)·100 = 49.0 points for n = 4
    expect(text).toContain("χ²＝");
  });

  it("takes multiple choice as a share of respondents, not of answers", async () => {
    const t = await crosstab("small", "m", "age");
    // Rows a / b / c / NA / INVALID; r9 was not asked (empty) and is in no base.
    expect(t.counts).toEqual([
      [2, 3, 0],
      [2, 1, 1],
      [0, 3, 0],
      [1, 0, 0],
      [0, 0, 0],
    ]);
    expect(t.bases).toEqual([4, 4, 1]);
    expect(t.total.count).toBe(9);
    expect(t.test).toBeNull();
    const csv = parseCsv(await browser.get(`${SMALL_PATH}/crosstab.csv?question=m&by=age&weighted=0`).then((r) => r.text()));
    const row = (option: string, group: string) => csv.find((r) => r.option_code === option && r.group_code === group)!;
    expect(row("a", "2").column_percent).toBe("75"); // 3 of 4 respondents
    expect(row("c", "2").column_percent).toBe("75");
    expect(row("a", "TOTAL").column_percent).toBe("55.6"); // 5 of 9
    expect(row("a", "TOTAL").base).toBe("9");
    expect(row("NA", "1").respondents).toBe("1");
  });

  it("refuses bad files with every problem named by row and column, and applies nothing", async () => {
    const before = await responseCount(smallId);
    const bad = [
      "respondent_id,age,sex,q,m_a,m_b,m_c,m_NA,m_INVALID",
      "x1,1,M,9,1,0,0,0,0",
      "x2,1,M,1,1,0,0,0,0",
      "x2,3,M,1,2,0,0,0,0",
      "r1,1,M,1,1,0,0,0,0",
    ].join("\n");
    const res = await upload(SMALL_PATH, bad);
    expect(res.status).toBe(400);
    const text = visibleText(await res.text());
    expect(text).toContain("2行目4列目（q）: 「9」は設問の選択肢にないコードです");
    expect(text).toContain("4行目1列目（respondent_id）: 回答者ID「x2」は3行目と重複しています");
    expect(text).toContain("4行目2列目（age）: 「3」は設問の選択肢にないコードです");
    expect(text).toContain("4行目5列目（m_a）: 「2」は使えません");
    expect(text).toContain("5行目1列目（respondent_id）: 回答者ID「r1」はこの調査に取り込み済みです");
    expect(text).toContain("何も取り込んでいません");

    const utf16 = new Uint8Array([0xff, 0xfe, 0x72, 0x00]);
    const encoding = await upload(SMALL_PATH, utf16);
    expect(encoding.status).toBe(400);
    expect(visibleText(await encoding.text())).toContain("文字コードを読み取れません（UTF-16 のようです）");

    const missing = await upload(SMALL_PATH, "respondent_id,age\nz1,1\n");
    expect(visibleText(await missing.text())).toContain("1行目（見出し）に「q」の列がありません");
    expect(await responseCount(smallId)).toBe(before);
  });

  it("rakes to population totals, labels weighted figures and shows the design effect", async () => {
    await browser.get(`${SMALL_PATH}/weights`);
    const refused = await browser.post(`${SMALL_PATH}/weights`, { "total-sex-M": "300", "total-sex-F": "七百" });
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toContain("性別「女性」の人数を0以上の整数で入力してください");
    const res = await browser.post(`${SMALL_PATH}/weights`, { "total-sex-M": "300", "total-sex-F": "700" });
    expect(res.status).toBe(303);
    // Five men and five women; population shares 0.3 / 0.7: weights 0.3·10/5 = 0.6 and 0.7·10/5 = 1.4.
    const weights = await ctx.db.query<{ external_id: string; weight: string }>("select external_id, weight::text as weight from survey_response where survey_id = $1 order by id", [smallId]);
    expect(weights.map((w) => [w.external_id, Number(w.weight)])).toEqual(
      ["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10"].map((id, i) => [id, [0, 2, 4, 6, 9].includes(i) ? 0.6 : 1.4]),
    );
    const t = await crosstab("small", "q", "age", true);
    expect(t.values[0]![0]).toBeCloseTo(2.0, 10); // r1 0.6 + r2 1.4
    expect(t.values[1]![2]).toBeCloseTo(1.4, 10); // r8
    expect(t.valueBases[1]).toBeCloseTo(4.6, 10);
    // Kish: 10·(5·0.36 + 5·1.96)/10² = 1.16
    expect(t.designEffect).toBeCloseTo(1.16, 10);
    const text = visibleText(await browser.get(`${SMALL_PATH}?question=q&by=age&weighted=1`).then((r) => r.text()));
    expect(text).toContain("重み付け集計（レイキング）");
    expect(text).toContain("デザイン効果（Kish）1.16");
    expect(text).toContain("43.5"); // 満足 among the 50歳以上, weighted: 2.0 / 4.6
    const csv = parseCsv(await browser.get(`${SMALL_PATH}/crosstab.csv?question=q&by=age&weighted=1`).then((r) => r.text()));
    expect(csv.find((r) => r.option_code === "1" && r.group_code === "2")).toMatchObject({ weighting: "重み付け（レイキング）", value: "2", base: "4.6", respondents: "2", column_percent: "43.5" });
  });

  it("exports respondents with codebook, SPSS and R labels, never the free text", async () => {
    const csv = await browser.get(`${SMALL_PATH}/respondents.csv`).then((r) => r.text());
    expect(csv).not.toContain("田中一郎");
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({ respondent_id: "r1", age: "1", q: "1", m_a: "1", m_b: "1", m_c: "0", m_NA: "0" });
    expect(rows[8]).toMatchObject({ respondent_id: "r9", m_a: "", m_NA: "" });
    expect(Object.keys(rows[0]!)).not.toContain("note");
    const exports = await ctx.db.query<{ after_json: { respondents: number } }>("select after as after_json from audit_log where action = 'survey.respondents_export' and entity_id = $1", [String(smallId)]);
    expect(exports.map((e) => e.after_json.respondents)).toEqual([10]);
    const codebook = parseCsv(await browser.get(`${SMALL_PATH}/codebook.csv`).then((r) => r.text()));
    expect(codebook).toContainEqual(expect.objectContaining({ variable: "q", value: "INVALID", value_label: "無効回答" }));
    const sps = await browser.get(`${SMALL_PATH}/labels.sps`).then((r) => r.text());
    expect(sps).toContain("VALUE LABELS");
    expect(sps).toContain("q '1' '満足' '2' '不満' 'NA' '無回答' 'INVALID' '無効回答'");
    expect(sps).toContain("MRSETS /MDGROUP NAME=$m");
    const r = await browser.get(`${SMALL_PATH}/labels.R`).then((res) => res.text());
    expect(r).toContain('d[["q"]] <- factor(d[["q"]], levels = c("1", "2", "NA", "INVALID"), labels = c("満足", "不満", "無回答", "無効回答"))');
    expect(r).toContain('na.strings = ""');
  });

  it("reproduces both tables the plan prints from an imported 506-respondent file, every cell and total", async () => {
    const id = await createSurvey(ctx.db, municipalityId, "citizen-2021", "市民アンケート（令和3年）", SURVEY_2021);
    const res = await upload(PATH_2021, survey2021RespondentCsv());
    expect(res.status).toBe(303);
    expect(await responseCount(id)).toBe(506);
    for (const [question, printed] of [["q1", PRINTED_Q1], ["q5", PRINTED_Q5]] as const) {
      const t = await crosstab("citizen-2021", question, "age");
      // Printed rows: the options then 無回答ほか (NA); our INVALID row must be empty.
      const rows = printed.codes.map((code) => t.rows.findIndex((r) => r.code === code));
      expect(rows.map((i) => t.counts[i])).toEqual(printed.cells);
      expect(t.counts[t.rows.findIndex((r) => r.code === "INVALID")]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
      expect(rows.map((i) => t.rowCounts[i])).toEqual(printed.rowTotals);
      expect(t.bases).toEqual(printed.columnTotals);
      expect(t.total.count).toBe(printed.total);
    }
    // The plan's text: 60歳代 83%, 70歳以上 39%, 420 of 506 about 83%.
    const csv = parseCsv(await browser.get(`${PATH_2021}/crosstab.csv?question=q1&by=age&weighted=0`).then((r) => r.text()));
    const cell = (group: string) => csv.find((r) => r.option_code === "1" && r.group_code === group)!;
    expect([cell("6").column_percent, cell("7").column_percent, cell("TOTAL").column_percent, cell("TOTAL").value]).toEqual(["83.3", "38.9", "83", "420"]);
  });

  it("offers the same table as xlsx, numbers as numbers", async () => {
    const res = await browser.get(`${PATH_2021}/crosstab.xlsx?question=q5&by=age&weighted=0`);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe("設問コード");
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const col = (label: string) => header.indexOf(label) + 1;
    const unaware70 = rows.find((r) => r[col("選択肢コード")] === "4" && r[col("集計軸のコード")] === "7")!;
    expect(unaware70[col("集計値")]).toBe(15);
    const total = rows.find((r) => r[col("選択肢コード")] === "1" && r[col("集計軸のコード")] === "TOTAL")!;
    expect(total[col("集計値")]).toBe(121);
    expect(total[col("構成比（%）")]).toBe(23.9);
  });

  it("publishes a crosstab to the published tables with small cells suppressed", async () => {
    await browser.get(`${PATH_2021}?question=q1&by=age&weighted=0`);
    const res = await browser.post(`${PATH_2021}/publish`, { question: "q1", by: "age", weighted: "0" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("notice=published");
    const [table] = await ctx.db.query<{ id: number; key: string; source: string; kind: string; column_attribute: string; weighted: boolean }>(
      "select t.id, t.key, t.source, t.kind, t.column_attribute, t.weighted from survey_published_table t join survey s on s.id = t.survey_id where s.code = 'citizen-2021'",
    );
    expect(table).toMatchObject({ key: "crosstab-q1-by-age", source: "computed", kind: "single", column_attribute: "age_band", weighted: false });
    const cells = await ctx.db.query<{ row_code: string | null; column_code: string | null; count: string | null; suppressed: boolean }>(
      "select row_code, column_code, count::text as count, suppressed from survey_published_cell where table_id = $1",
      [table!.id],
    );
    const at = (row: string | null, column: string | null) => cells.find((c) => c.row_code === row && c.column_code === column)!;
    expect(at("1", "6")).toMatchObject({ count: "85", suppressed: false });
    expect(at("1", "1")).toMatchObject({ count: null, suppressed: true }); // 4 people under 20
    expect(at("2", "4")).toMatchObject({ count: null, suppressed: true }); // 2
    expect(at("3", "7")).toMatchObject({ count: "47", suppressed: false });
    expect(cells.some((c) => c.count === "0" && !c.suppressed)).toBe(true); // zeros are published
    expect(at(null, null)).toMatchObject({ count: "506" });
    expect(at("1", null)).toMatchObject({ count: "420" });
    // No line keeps exactly one suppressed cell (it could be recovered from the published total).
    const suppressedIn = (key: "row_code" | "column_code", value: string) => cells.filter((c) => c[key] === value && c.row_code !== null && c.column_code !== null && c.suppressed).length;
    for (const code of ["1", "2", "3", "NA"]) expect(suppressedIn("row_code", code)).not.toBe(1);
    for (const code of ["1", "2", "3", "4", "5", "6", "7", "NA"]) expect(suppressedIn("column_code", code)).not.toBe(1);
    const categories = await ctx.db.query<{ axis: string; code: string; n: number }>("select axis, code, n from survey_published_category where table_id = $1 and axis = 'column' order by position", [table!.id]);
    expect(categories.map((c) => c.n)).toEqual(PRINTED_Q1.columnTotals);
    const audit = await ctx.db.query<{ action: string }>("select action from audit_log where entity_type = 'survey_published_table' and entity_id = $1", [String(table!.id)]);
    expect(audit.map((a) => a.action)).toEqual(["survey.table_publish"]);

    // The public survey page and the open data (survey-evidence's) show it, suppressed cells as suppressed.
    const publicPage = await app.request("/362018/surveys/citizen-2021");
    expect(publicPage.status).toBe(200);
    const publicText = visibleText(await publicPage.text());
    expect(publicText).toContain("① インターネットの利用状況（年齢別）");
    const openData = records(await fetchCsv({ request: (path: string) => app.request(path) }, "/362018/open-data/survey-tables.csv"));
    const published = openData.filter((r) => r.table_key === "crosstab-q1-by-age");
    expect(published.find((r) => r.answer_code === "1" && r.column_code === "6")?.count).toBe("85");
    expect(published.find((r) => r.answer_code === "1" && r.column_code === "1")?.count).toBeNull();
    expect(published.find((r) => r.answer_code === null && r.column_code === null)?.count).toBe("506");
  });

  it("is for the secretariat of the survey's municipality only", async () => {
    const viewer = await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"] });
    const viewerBrowser = new TestBrowser(app);
    await signInAs(ctx.db, viewerBrowser, viewer);
    expect((await viewerBrowser.get(PATH_2021)).status).toBe(403);
    expect((await viewerBrowser.get(`${PATH_2021}/respondents.csv`)).status).toBe(403);

    const otherId = await createMunicipality(ctx.db, "131016", "千代田区");
    await createSurvey(ctx.db, otherId, "chiyoda", "千代田区の調査", SMALL);
    const stranger = await createStaff(ctx.db, { lgCode: "131016", roles: ["secretariat"], totp: true });
    const strangerBrowser = new TestBrowser(app);
    await signInAs(ctx.db, strangerBrowser, stranger);
    expect((await strangerBrowser.get(PATH_2021)).status).toBe(404);
    expect((await strangerBrowser.get(`${PATH_2021}/respondents.csv`)).status).toBe(404);
    // Tokushima's secretariat cannot reach Chiyoda's survey through Tokushima's address.
    expect((await browser.get("/362018/staff/surveys/chiyoda/analysis")).status).toBe(404);
    expect((await new TestBrowser(app).get(PATH_2021)).status).toBe(303); // not signed in: to the sign-in page
    // A choice that is not in the questionnaire is a 400 page, not a 500.
    const bad = await browser.get(`${PATH_2021}?question=zzz&by=age`);
    expect(bad.status).toBe(400);
    expect(visibleText(await bad.text())).toContain("集計する設問を一覧から選んでください");
  });
}, { seed: "tokushima" });

/**
 * Setting a survey up (issue #8 §2) over HTTP on both databases, beyond the
 * questionnaire and the frame (survey-fieldwork.test.ts): the details the
 * letters print (purpose, population, period, answer deadline, contact —
 * dates in office formats, checked against each other, audited; bad input
 * changes nothing), strata recorded without a frame (a code per sampled
 * resident with its stratum and no identity; 回収率 by stratum; counts only
 * grow), and survey codes that would be shadowed by another page refused.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { FIELDWORK_DEFINITION } from "../support/survey-fieldwork.ts";
import { testApp } from "../support/app.ts";
import { createMunicipality, createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { TestBrowser } from "../support/session.ts";
import { saveDefinition } from "../../src/modules/survey/fieldwork/commands/manage-survey.ts";

const LG = "362018";
const BASE = `/${LG}/staff/surveys`;
const AREA_DEFINITION = {
  sections: [
    ...FIELDWORK_DEFINITION.sections,
    {
      code: "area",
      title: "お住まい",
      questions: [{ kind: "single" as const, code: "area", number: "6", text: "お住まいの地区", attribute: "area" as const, options: [{ code: "N", label: "北部" }, { code: "S", label: "南部" }] }],
    },
  ],
};

describeEachDatabase("survey setup: details, strata without a frame, reserved codes", (ctx) => {
  let db: Database;
  let secretariat: TestStaff;
  let a: TestBrowser;
  const surveyRow = async (code: string) =>
    (
      await db.query<{ id: number; purpose: string | null; population: string | null; period_start: string | null; period_end: string | null; answer_deadline: string | null; contact: string | null }>(
        `select id, purpose, population, to_char(period_start, 'YYYY-MM-DD') as period_start, to_char(period_end, 'YYYY-MM-DD') as period_end,
                to_char(answer_deadline, 'YYYY-MM-DD') as answer_deadline, contact from survey where code = $1`,
        [code],
      )
    )[0]!;

  beforeAll(async () => {
    db = ctx.db;
    const municipalityId = await createMunicipality(db, LG, "徳島市");
    secretariat = await createStaff(db, { lgCode: LG, roles: ["secretariat"], totp: true, name: "調査 花子" });
    a = new TestBrowser(testApp(db));
    await signInAs(db, a, secretariat);
    await a.get(BASE);
    expect((await a.post(BASE, { kind: "create", title: "令和9年度 市民アンケート", code: "citizen-2027" })).status).toBe(303);
    const id = (await surveyRow("citizen-2027")).id;
    const context = { municipalityId, actor: { userId: secretariat.id, label: "テスト" }, ip: null, userId: secretariat.id };
    await saveDefinition(db, context, { surveyId: id, definition: AREA_DEFINITION, basedOnVersion: null });
  });

  describe("reserved codes", () => {
    it("refuses a code that a page's address already uses, for a new survey and a copy, in Japanese", async () => {
      await a.get(BASE);
      for (const form of <Record<string, string>[]>[
        { kind: "create", title: "読み取り", code: "readings" },
        { kind: "copy", from: "citizen-2027", title: "読み取り", code: "readings" },
      ]) {
        expect((await a.post(BASE, form)).status).toBe(400);
        expect(a.lastHtml).toContain("このコードは画面のアドレスに使われているため使えません");
      }
      expect(await db.query("select 1 from survey where code = 'readings'")).toHaveLength(0);
      // The readings page is still what the address opens.
      expect((await a.get(`${BASE}/readings`)).status).toBe(200);
      expect(a.lastHtml).toContain("読み取り");
    });
  });

  describe("details", () => {
    it("saves purpose, population, period, deadline and contact; dates as an office writes them; audited with the changed fields", async () => {
      await a.get(`${BASE}/citizen-2027/details`);
      expect(a.lastHtml).toContain("調査の概要の編集");
      const saved = await a.post(`${BASE}/citizen-2027/details`, {
        purpose: "デジタル化の取組に市民の意見を生かすため",
        population: "市内在住の18歳以上 1,300人",
        periodStart: "令和9年6月17日",
        periodEnd: "R9.7.14",
        answerDeadline: "２０２７／７／１０",
        contact: "徳島市 デジタル推進課\r\n電話 088-000-0000",
      });
      expect(saved.headers.get("location")).toBe(`${BASE}/citizen-2027?done=details`);
      const row = await surveyRow("citizen-2027");
      expect(row).toMatchObject({
        purpose: "デジタル化の取組に市民の意見を生かすため",
        population: "市内在住の18歳以上 1,300人",
        period_start: "2027-06-17",
        period_end: "2027-07-14",
        answer_deadline: "2027-07-10",
        contact: "徳島市 デジタル推進課\n電話 088-000-0000",
      });
      await a.get(`${BASE}/citizen-2027`);
      expect(a.lastHtml).toContain("<dd>令和9年6月17日〜令和9年7月14日</dd>");
      expect(a.lastHtml).toContain("<dt>回答期限（依頼状に印刷）</dt><dd>令和9年7月10日</dd>");
      const [audit] = await db.query<{ before: unknown; after: Record<string, unknown> }>("select before, after from audit_log where action = 'survey.details_update'");
      expect(audit!.before).toEqual({ purpose: null, population: null, periodStart: null, periodEnd: null, answerDeadline: null, contact: null });
      expect(audit!.after).toMatchObject({ periodStart: "2027-06-17", answerDeadline: "2027-07-10" });

      // Saving again unchanged records nothing; clearing a field stores "not set", not an empty text.
      await a.get(`${BASE}/citizen-2027/details`);
      await a.post(`${BASE}/citizen-2027/details`, { purpose: row.purpose, population: "", periodStart: "2027-06-17", periodEnd: "2027-07-14", answerDeadline: "2027-07-10", contact: row.contact });
      expect((await surveyRow("citizen-2027")).population).toBeNull();
      const records = await db.query<{ after: unknown }>("select after from audit_log where action = 'survey.details_update' order by id");
      expect(records.map((r) => r.after)).toEqual([audit!.after, { population: null }]);
    });

    it("refuses dates that do not exist, a period that ends before it starts and a deadline outside it, naming each field; nothing is saved", async () => {
      const before = await surveyRow("citizen-2027");
      await a.get(`${BASE}/citizen-2027/details`);
      const wrongDay = await a.post(`${BASE}/citizen-2027/details`, { periodStart: "令和9年2月30日", periodEnd: "7月14日", answerDeadline: "", contact: "", purpose: "", population: "" });
      expect(wrongDay.status).toBe(400);
      expect(a.lastHtml).toContain("調査期間の初日: 2027年2月30日という日付はありません");
      expect(a.lastHtml).toContain("調査期間の最終日: 「7月14日」は日付として読めません");
      // What was typed is shown back.
      expect(a.lastHtml).toContain('value="令和9年2月30日"');
      const reversed = await a.post(`${BASE}/citizen-2027/details`, { periodStart: "2027/7/14", periodEnd: "2027/6/17", answerDeadline: "", contact: "", purpose: "", population: "" });
      expect(reversed.status).toBe(400);
      expect(a.lastHtml).toContain("調査期間の最終日は初日より後の日にしてください");
      const late = await a.post(`${BASE}/citizen-2027/details`, { periodStart: "2027/6/17", periodEnd: "2027/7/14", answerDeadline: "2027/8/1", contact: "", purpose: "", population: "" });
      expect(late.status).toBe(400);
      expect(a.lastHtml).toContain("回答期限は調査期間の中の日にしてください");
      const long = await a.post(`${BASE}/citizen-2027/details`, { contact: "あ".repeat(501), purpose: "", population: "", periodStart: "", periodEnd: "", answerDeadline: "" });
      expect(long.status).toBe(400);
      expect(a.lastHtml).toContain("お問い合わせ先は500文字以内にしてください（いま501文字）");
      expect(await surveyRow("citizen-2027")).toEqual(before);
      expect(await db.query("select 1 from audit_log where action = 'survey.details_update'")).toHaveLength(2);
    });
  });

  describe("strata without a frame", () => {
    const counts = async () =>
      db.query<{ age_band: string; area: string; n: string; identities: string }>(
        `select m.age_band, m.area, count(*)::text as n, count(i.sample_member_id)::text as identities
           from survey_sample_member m left join survey_sample_identity i on i.sample_member_id = m.id
          where m.survey_id = $1 group by m.age_band, m.area order by m.age_band, m.area`,
        [(await surveyRow("citizen-2027")).id],
      );

    it("records the number sampled per age band × area: a code each, no identity; 回収率 by stratum", async () => {
      await a.get(`${BASE}/citizen-2027/sample`);
      expect(a.lastHtml).toContain("<caption>年齢区分×地区別の送付数（人）</caption>");
      expect(a.lastHtml).toContain('<label class="visually-hidden" for="strata-n-1-N">18〜39歳・北部の送付数</label>');
      const res = await a.post(`${BASE}/citizen-2027/strata`, { "n.1.N": "3", "n.1.S": "2", "n.2.N": "１", "n.2.S": "", "n.3.N": "0", "n.3.S": "4" });
      expect(res.headers.get("location")).toBe(`${BASE}/citizen-2027/sample?strata=10`);
      expect(await counts()).toEqual([
        { age_band: "1", area: "N", n: "3", identities: "0" },
        { age_band: "1", area: "S", n: "2", identities: "0" },
        { age_band: "2", area: "N", n: "1", identities: "0" },
        { age_band: "3", area: "S", n: "4", identities: "0" },
      ]);
      await a.get(`${BASE}/citizen-2027/sample?strata=10`);
      expect(a.lastHtml).toContain("新しく 10人分の回答用コードを作りました");
      expect(a.lastHtml).toMatch(/id="strata-n-3-S" name="n.3.S" value="4"/);
      await a.get(`${BASE}/citizen-2027`);
      expect(a.lastHtml).toMatch(/<th scope="row">全体<\/th><td class="number">10<\/td><td class="number">0<\/td><td class="number">0.0%<\/td>/);
      expect(a.lastHtml).toMatch(/<th scope="row">南部<\/th><td class="number">6<\/td><td class="number">0<\/td><td class="number">0.0%<\/td>/);
      expect(a.lastHtml).toMatch(/<th scope="row">40〜64歳<\/th><td class="number">1<\/td>/);
      const [audit] = await db.query<{ after: unknown }>("select after from audit_log where action = 'survey.strata_record'");
      expect(audit!.after).toEqual({ strata: { "1||N": 3, "1||S": 2, "2||N": 1, "3||S": 4 }, added: 10 });
    });

    it("adds a supplementary sample, but never takes codes back; bad numbers are refused, naming the stratum, and nothing changes", async () => {
      await a.get(`${BASE}/citizen-2027/sample`);
      const fewer = await a.post(`${BASE}/citizen-2027/strata`, { "n.1.N": "2", "n.1.S": "2", "n.2.N": "1", "n.3.S": "x", "n.3.N": "0" });
      expect(fewer.status).toBe(400);
      expect(a.lastHtml).toContain("18〜39歳・北部は既に3人分の回答用コードを作っているため、それより少なくできません");
      expect(a.lastHtml).toContain("65歳以上・南部の送付数は0〜20,000の整数で入力してください");
      expect(a.lastHtml).toContain('name="n.3.S" value="x"');
      expect((await counts()).map((r) => Number(r.n)).reduce((x, y) => x + y)).toBe(10);

      const more = await a.post(`${BASE}/citizen-2027/strata`, { "n.1.N": "3", "n.1.S": "2", "n.2.N": "1", "n.2.S": "2", "n.3.N": "0", "n.3.S": "4" });
      expect(more.headers.get("location")).toBe(`${BASE}/citizen-2027/sample?strata=2`);
      expect(await counts()).toContainEqual({ age_band: "2", area: "S", n: "2", identities: "0" });
      // Twelve distinct codes; letters can be printed for all of them (the contractor's CSV has no identifiers to give).
      expect(await db.query("select distinct code from survey_sample_member")).toHaveLength(12);
      await a.get(`${BASE}/citizen-2027/sample`);
      expect(a.lastHtml).toContain("依頼状を作る");
    });
  });

  describe("another municipality", () => {
    it("finds none of these pages for another municipality's secretariat, and changes nothing", async () => {
      await createMunicipality(db, "362026", "鳴門市");
      const naruto = await createStaff(db, { lgCode: "362026", roles: ["secretariat"], totp: true });
      const n = new TestBrowser(testApp(db), "192.0.2.30");
      await signInAs(db, n, naruto);
      const before = await surveyRow("citizen-2027");
      expect((await n.get(`/362026/staff/surveys/citizen-2027/details`)).status).toBe(404);
      await n.get("/362026/staff/surveys");
      expect((await n.post(`/362026/staff/surveys/citizen-2027/details`, { purpose: "乗っ取り" })).status).toBe(404);
      await n.get("/362026/staff/surveys");
      expect((await n.post(`/362026/staff/surveys/citizen-2027/strata`, { "n.1.N": "99" })).status).toBe(404);
      // Naruto's session at Tokushima's address: not found either.
      expect((await n.get(`${BASE}/citizen-2027/details`)).status).toBe(404);
      expect(await surveyRow("citizen-2027")).toEqual(before);
      expect(await db.query("select 1 from survey_sample_member")).toHaveLength(12);
    });
  });
});

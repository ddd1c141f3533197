/**
 * Factories for the survey analysis tests: a survey with its questionnaire,
 * and the respondent-level file of Tokushima's 2021 survey generated from the
 * two tables the plan prints in full (seed text lines 330–382):
 * ① インターネットの利用状況 × 年齢 and ⑤ 電子申請サービスの利用状況 × 年齢.
 *
 * Each respondent has an age band and answers to ① and ⑤. The plan gives
 * only the two margins per age band, so within each age column the k-th
 * respondent takes the k-th answer of ① and the k-th of ⑤ (both columns
 * hold the same number of people): one assignment consistent with both
 * tables, which is all the published tables determine.
 */
import type { Database } from "../../src/core/db/database.ts";
import type { SurveyDefinition } from "../../src/modules/survey/domain/definition.ts";

export async function createSurvey(db: Database, municipalityId: number, code: string, title: string, definition: SurveyDefinition): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    "insert into survey (municipality_id, code, title, state) values ($1, $2, $3, 'closed') returning id",
    [municipalityId, code, title],
  );
  await db.query("insert into survey_definition (survey_id, version, definition) values ($1, 1, $2)", [row!.id, JSON.stringify(definition)]);
  return row!.id;
}

/** Age bands as the plan's column heads (① spells 20～29歳, ⑤ 20歳～29歳: the same bands). */
export const AGE_BANDS = ["20歳未満", "20～29歳", "30～39歳", "40～49歳", "50～59歳", "60～69歳", "70歳以上"];

export const SURVEY_2021: SurveyDefinition = {
  sections: [
    {
      code: "attributes",
      title: "回答者について",
      questions: [{ kind: "single", code: "age", number: "問1", text: "年齢", attribute: "age_band", options: AGE_BANDS.map((label, i) => ({ code: String(i + 1), label })) }],
    },
    {
      code: "internet",
      title: "インターネットの利用状況等",
      questions: [
        {
          kind: "single",
          code: "q1",
          number: "①",
          text: "インターネットの利用状況",
          options: [
            { code: "1", label: "利用している" },
            { code: "2", label: "利用していないが、今後は利用したい" },
            { code: "3", label: "利用していないし、今後も利用するつもりはない" },
          ],
        },
      ],
    },
    {
      code: "eapplication",
      title: "電子申請サービス",
      questions: [
        {
          kind: "single",
          code: "q5",
          number: "⑤",
          text: "徳島市の電子申請サービスの利用状況",
          options: [
            { code: "1", label: "利用したことがある" },
            { code: "2", label: "利用したことはないが、今後は利用したい" },
            { code: "3", label: "利用したことがないし、今後も利用するつもりはない" },
            { code: "4", label: "電子申請サービスの存在を知らなかった" },
          ],
        },
      ],
    },
  ],
};

/**
 * The printed tables: rows in the plan's order (last row 無回答ほか = NA),
 * columns the seven age bands then 年齢無回答 (NA), without the 合計 row and
 * column, which the tests compare separately.
 */
export const PRINTED_Q1 = {
  codes: ["1", "2", "3", "NA"],
  cells: [
    [4, 34, 79, 94, 85, 85, 35, 4],
    [0, 0, 0, 2, 2, 4, 7, 0],
    [0, 1, 2, 2, 2, 12, 47, 3],
    [0, 0, 0, 0, 0, 1, 1, 0],
  ],
  rowTotals: [420, 15, 69, 2],
  columnTotals: [4, 35, 81, 98, 89, 102, 90, 7],
  total: 506,
};
export const PRINTED_Q5 = {
  codes: ["1", "2", "3", "4", "NA"],
  cells: [
    [1, 9, 27, 27, 24, 26, 4, 3],
    [0, 9, 24, 36, 37, 31, 14, 1],
    [0, 1, 3, 14, 14, 26, 51, 3],
    [3, 16, 27, 20, 14, 18, 15, 0],
    [0, 0, 0, 1, 0, 1, 6, 0],
  ],
  rowTotals: [121, 152, 112, 113, 8],
  columnTotals: [4, 35, 81, 98, 89, 102, 90, 7],
  total: 506,
};

/** The answers of one age column, in table order: [code, code, …] with each code repeated by its count. */
const columnAnswers = (table: { codes: string[]; cells: number[][] }, column: number) =>
  table.codes.flatMap((code, row) => Array.from({ length: table.cells[row]![column]! }, () => code));

/** The 506-row respondent-level CSV (UTF-8, header respondent_id,age,q1,q5). */
export function survey2021RespondentCsv(): string {
  const lines = ["respondent_id,age,q1,q5"];
  let number = 0;
  const ageCodes = [...AGE_BANDS.map((_, i) => String(i + 1)), "NA"];
  ageCodes.forEach((age, column) => {
    const q1 = columnAnswers(PRINTED_Q1, column);
    const q5 = columnAnswers(PRINTED_Q5, column);
    if (q1.length !== q5.length) throw new Error(`age column ${column}: the two tables disagree on its size`);
    q1.forEach((answer, k) => lines.push(`R2021-${String(++number).padStart(4, "0")},${age},${answer},${q5[k]}`));
  });
  return lines.join("\r\n") + "\r\n";
}

/**
 * A small survey worked by hand (the expected figures are in the test):
 * ten respondents, two age bands and 無回答, sex for raking, a single and a
 * multiple choice with NA and INVALID, a skipped question and free text.
 */
export const SMALL: SurveyDefinition = {
  sections: [
    {
      code: "s",
      title: "設問",
      questions: [
        { kind: "single", code: "age", number: "F1", text: "年齢", attribute: "age_band", options: [{ code: "1", label: "50歳未満" }, { code: "2", label: "50歳以上" }] },
        { kind: "single", code: "sex", number: "F2", text: "性別", attribute: "sex", options: [{ code: "M", label: "男性" }, { code: "F", label: "女性" }] },
        { kind: "single", code: "q", number: "問1", text: "市のサービスに満足していますか", options: [{ code: "1", label: "満足" }, { code: "2", label: "不満" }] },
        { kind: "multiple", code: "m", number: "問2", text: "使っている機器", options: [{ code: "a", label: "スマートフォン" }, { code: "b", label: "パソコン" }, { code: "c", label: "タブレット" }] },
        { kind: "text", code: "note", number: "問3", text: "ご意見", maxLength: 400 },
      ],
    },
  ],
};

/** m as the 1/0 columns m_a, m_b, m_c, m_NA, m_INVALID (empty = not asked). */
const m = (...codes: string[]) => (codes.length === 0 ? ",,,," : ["a", "b", "c", "NA", "INVALID"].map((c) => (codes.includes(c) ? "1" : "0")).join(","));
export const SMALL_CSV = [
  "respondent_id,age,sex,q,m_a,m_b,m_c,m_NA,m_INVALID,note",
  `r1,1,M,1,${m("a", "b")},`,
  `r2,1,F,1,${m("a")},`,
  `r3,1,M,2,${m("b")},`,
  `r4,1,F,NA,${m("NA")},`,
  `r5,2,M,2,${m("a", "c")},`,
  `r6,2,F,2,${m("c")},`,
  `r7,2,M,1,${m("a", "b", "c")},田中一郎です。駅前の窓口の職員に助けられました`,
  `r8,NA,F,2,${m("b")},`,
  `r9,2,F,1,${m()},`,
  `r10,2,M,INVALID,${m("a")},`,
].join("\r\n");

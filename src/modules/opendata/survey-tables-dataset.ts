/**
 * The published survey tables as open data (issue #8 §1): one row per
 * published cell in long format — survey, table, answer option, column
 * category (e.g. age band), count — so a new table or band adds rows, never
 * columns (rule L3-09). Totals are rows too, exactly as published, with the
 * answer or column code left empty and the label 「合計」. Only published
 * tables are read (survey_published_*); answers and free text never are.
 */
import { japanDate } from "../cycle/domain/deadlines.ts";
import { BOOLEAN_DEFINITION, LG_CODE, type Dataset } from "./dataset.ts";
import { type Row } from "../../core/tables/table.ts";
import type { PublishedResults } from "./published-results.ts";
import type { Plan } from "../plan/plan.ts";
import { cellOf, hasFigures } from "../survey/evidence/domain/published-table.ts";

const TOTAL = "合計";

export const surveyTables: Dataset = {
  id: "survey-tables",
  title: "市民アンケートの集計表",
  description:
    "公表された市民アンケートの集計表（縦持ち: 1行に調査×表×回答の選択肢×列の区分（年齢層など））。計画書に掲載された表（source が printed）と、集計して公表した表（computed）を含みます。合計は公表されたとおりの値で、回答または列のコードが空欄の行です。個々の回答や自由記述は含みません。",
  source: "survey",
  columns: [
    LG_CODE,
    { name: "survey_code", label: "調査コード", definition: "調査の識別子（団体内で一意）。ポータルの調査ページのアドレスに使われる。", type: "string" },
    { name: "survey_title", label: "調査名", definition: "調査の名称。", type: "string" },
    { name: "table_key", label: "表キー", definition: "調査内で表を一意に識別するキー。", type: "string" },
    { name: "table_number", label: "表の番号", definition: "報告書に印字された設問の番号（例: ①）。印字がないときは空欄。", type: "string", nullable: true },
    { name: "table_title", label: "表題", definition: "表の題（設問の内容）。", type: "string" },
    { name: "question_code", label: "設問コード", definition: "調査票の定義での設問コード。定義にない設問は空欄。", type: "string", nullable: true },
    { name: "question_kind", label: "設問の種類", definition: "single（単一選択: 列ごとに各回答の和が合計に一致）または multiple（複数選択: 合計は回答者数で、各回答の和とは一致しない）。", type: "string" },
    { name: "answer_code", label: "回答コード", definition: "回答の選択肢のコード。NA は無回答（「無回答ほか」を含む）。合計の行は空欄。", type: "string", nullable: true },
    { name: "answer_label", label: "回答", definition: "回答の選択肢の表記（公表されたとおり）。合計の行は「合計」。", type: "string" },
    { name: "column_dimension", label: "列の区分の種類", definition: "列の区分の種類（age_band: 年齢層、area: 地区、sex: 性別、occupation: 職業）。区分のない単純集計は空欄。", type: "string", nullable: true },
    { name: "column_dimension_label", label: "列の区分の名称", definition: "列の区分の名称（例: 年齢）。区分のない単純集計は空欄。", type: "string", nullable: true },
    { name: "column_code", label: "列のコード", definition: "列の区分のコード（年齢層では U20・A20…A70、NA は年齢無回答）。全体（列の合計）の行は空欄。", type: "string", nullable: true },
    { name: "column_label", label: "列の区分", definition: "列の区分の表記（公表されたとおり）。全体の行は「合計」。", type: "string" },
    {
      name: "count",
      label: "度数",
      definition: "該当する回答者の数（公表された値のとおり）。重み付け集計では小数を含む。少数のため公表していないセルは空欄で、0 とは異なる。",
      type: "decimal",
      unit: "unit 列に記載",
      nullable: true,
    },
    { name: "unit", label: "単位", definition: "度数の単位（例: 人）。", type: "string" },
    { name: "weighted", label: "重み付け", definition: `重み付け集計の値か。${BOOLEAN_DEFINITION}`, type: "boolean", codes: "boolean" },
    { name: "table_source", label: "表の出典", definition: "printed（計画書・報告書に掲載された表を転記）または computed（回答データから集計して公表）。", type: "string" },
    { name: "published_date", label: "公表日", definition: "この表をシステムに登録・公表した日（日本時間、YYYY-MM-DD）。", type: "date" },
  ],
  rows: (plan: Plan, _params, results: PublishedResults): Row[] =>
    (results.surveys ?? []).flatMap((survey) =>
      survey.tables.filter(hasFigures).flatMap((table) => {
        const rows: (string | null)[] = [...table.rows.map((r) => r.code), null];
        const columns: (string | null)[] = [...table.columns.map((c) => c.code), null];
        const rowLabel = new Map(table.rows.map((r) => [r.code, r.label]));
        const columnLabel = new Map(table.columns.map((c) => [c.code, c.label]));
        return rows.flatMap((row) =>
          columns.flatMap((column): Row[] => {
            const count = cellOf(table, row, column);
            if (count === undefined) return [];
            return [
              {
                lg_code: plan.municipality.lgCode,
                survey_code: survey.code,
                survey_title: survey.title,
                table_key: table.key,
                table_number: table.number,
                table_title: table.title,
                question_code: table.questionCode,
                question_kind: table.kind,
                answer_code: row,
                answer_label: row === null ? TOTAL : rowLabel.get(row)!,
                column_dimension: table.columnAttribute,
                column_dimension_label: table.columnTitle,
                column_code: column,
                column_label: column === null ? TOTAL : columnLabel.get(column)!,
                count,
                unit: table.unit,
                weighted: table.weighted,
                table_source: table.source,
                published_date: japanDate(table.publishedAt),
              },
            ];
          }),
        );
      }),
    ),
};

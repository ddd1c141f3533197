/**
 * The OpenAPI 3.1 description of the read-only APIs and the dataset files.
 * Written by hand beside the presenters (api.ts, ckan.ts, dataset-document.ts)
 * rather than generated, so the document reads as documentation; the tests
 * call every path it lists to keep the two honest. Schemas are JSON Schema
 * 2020-12, as 3.1 allows: "no value" is type [..., "null"].
 */
import { DATASETS } from "./datasets.ts";

type Schema = Record<string, unknown>;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): Schema => ({ type: "string", ...(description ? { description } : {}) });
const int = (description?: string): Schema => ({ type: "integer", ...(description ? { description } : {}) });
const bool: Schema = { type: "boolean" };
const nullable = (type: string, description?: string): Schema => ({ type: [type, "null"], ...(description ? { description } : {}) });
const arr = (items: Schema): Schema => ({ type: "array", items });
const obj = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: "object",
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
});
const DECIMAL = "10進数の文字列（計画に記載のとおり。例: \"38.0\"）";
const UPDATED_AT: Schema = { type: "string", format: "date-time", description: "データセットの最終更新日時（計画の更新。評価結果のデータセットは評価結果の公表も）" };

const schemas: Record<string, Schema> = {
  Error: obj({ error: obj({ status: int(), message: str("日本語のエラーメッセージ") }) }),
  Municipality: obj({ lgCode: str("全国地方公共団体コード（6桁）"), name: str(), prefecture: nullable("string"), portalUrl: str(), planUrl: str() }),
  MunicipalityList: obj({ municipalities: arr(ref("Municipality")) }),
  Plan: obj({
    lgCode: str(),
    municipality: obj({ lgCode: str(), name: str(), prefecture: nullable("string") }),
    code: str(),
    title: str(),
    subtitle: nullable("string"),
    goal: str(),
    period: obj({ startFiscalYear: int("西暦の開始年"), endFiscalYear: int() }),
    source: obj({ title: str() }),
    updatedAt: { type: "string", format: "date-time" },
    counts: obj({ policies: int(), initiatives: int(), newInitiatives: int(), kpis: int() }),
    phaseLegend: arr(obj({ phase: ref("Phase"), label: str(), description: str() })),
    gradeDefinitions: arr(obj({ grade: { enum: ["S", "A", "B", "C"] }, definition: str() })),
    policies: arr(obj({ number: int(), title: str(), outcomes: arr(obj({ statement: str(), description: str() })), initiativeNumbers: arr(int()) })),
  }),
  Phase: { enum: ["study", "implement", "expand"], description: "study=検討、implement=実施、expand=拡大" },
  InitiativeSummary: obj({ number: int(), policyNumber: int(), title: str(), isNew: bool, responsible: arr(str()), kpiCount: int() }),
  InitiativeList: obj({ lgCode: str(), count: int(), initiatives: arr(ref("InitiativeSummary")) }),
  Initiative: obj({
    number: int(),
    policyNumber: int(),
    title: str(),
    isNew: bool,
    divisions: arr(
      obj({
        role: { enum: ["lead", "co"] },
        kind: { enum: ["division", "all_bureaus", "related_divisions", "system_divisions"] },
        divisionId: nullable("integer"),
        name: str(),
        unit: nullable("string"),
      }),
    ),
    content: arr(str()),
    goals: arr(str()),
    schedule: arr(obj({ label: str(), assumed: bool, phases: arr(obj({ fiscalYear: int(), phase: { oneOf: [ref("Phase"), { type: "null" }] } })) })),
    kpis: arr(ref("Kpi")),
  }),
  Kpi: obj({
    key: str("例: 14-1"),
    code: nullable("string"),
    label: str(),
    unit: str(),
    direction: { enum: ["higher", "lower", "keep"] },
    cumulative: bool,
    baseline: { oneOf: [obj({ fiscalYear: int(), value: nullable("string", DECIMAL) }), { type: "null" }] },
    targets: arr(obj({ fiscalYear: int(), value: nullable("string", `${DECIMAL}。null は目標値なし`) })),
  }),
  DatasetSummary: obj({
    id: str(),
    title: str(),
    description: str(),
    recordCount: int(),
    updatedAt: UPDATED_AT,
    apiUrl: str(),
    csvUrl: str(),
    jsonUrl: str(),
    codebookUrl: str(),
  }),
  DatasetList: obj({ lgCode: str(), datasets: arr(ref("DatasetSummary")) }),
  DatasetColumn: obj({
    name: str(),
    label: str(),
    definition: str(),
    type: { enum: ["string", "integer", "decimal", "boolean", "date"] },
    unit: nullable("string"),
    nullable: bool,
    codeTable: nullable("string"),
  }),
  DatasetDocument: obj({
    dataset: str(),
    title: str(),
    lgCode: str(),
    municipality: str(),
    license: obj({ id: str(), title: str(), url: str() }),
    updatedAt: UPDATED_AT,
    columns: arr(ref("DatasetColumn")),
    rows: arr({
      type: "object",
      description: `columns の name をキーとする1行。decimal 型は${DECIMAL}、値がないときは null。`,
      additionalProperties: { type: ["string", "integer", "boolean", "null"] },
    }),
  }),
  CkanResource: obj({ id: str(), package_id: str(), name: str(), description: str(), url: str(), format: { enum: ["CSV", "JSON"] }, mimetype: str(), last_modified: str(), position: int(), state: str() }),
  CkanPackage: {
    type: "object",
    required: ["id", "name", "title", "notes", "license_id", "license_title", "license_url", "organization", "metadata_modified", "resources"],
    properties: {
      id: str("全国地方公共団体コード-データセットID（例: 362018-kpi-targets）"),
      name: str(),
      title: str(),
      notes: str(),
      license_id: str(),
      license_title: str(),
      license_url: str(),
      organization: obj({ id: str(), name: str("全国地方公共団体コード"), title: str("団体名"), type: str(), is_organization: bool, state: str() }),
      metadata_created: str(),
      metadata_modified: str(),
      resources: arr(ref("CkanResource")),
      tags: arr(obj({ name: str() })),
      extras: arr(obj({ key: str(), value: str() })),
    },
  },
  CkanError: obj({ help: str(), success: { const: false }, error: obj({ __type: str(), message: str() }) }),
};

const ckanEnvelope = (result: Schema): Schema => obj({ help: str(), success: { const: true }, result });

const param = (name: string, where: "path" | "query", schema: Schema, example: string | number, description: string, required = where === "path") => ({
  name,
  in: where,
  required,
  description,
  schema,
  example,
});

const LG = param("lgCode", "path", { type: "string", pattern: "^[0-9]{6}$" }, "362018", "全国地方公共団体コード（6桁）");
const DATASET = param("dataset", "path", { enum: DATASETS.map((d) => d.id) }, "kpi-targets", "データセットID");
const INITIATIVE = param("initiative", "query", { type: "string", pattern: "^[0-9]+$" }, "12", "取組項目番号で絞り込む（取組項目ごとのデータセットと評価結果のデータセットのみ）");
const FISCAL_YEAR = param(
  "fiscal_year",
  "query",
  { type: "string", pattern: "^[0-9]{4}$" },
  "2023",
  "年度（西暦4桁）で絞り込む（評価結果のデータセット evaluation-results と kpi-actuals のみ。計画期間外の年度は400）",
);
const LIST_FILTERS = [
  param("policy", "query", { type: "string", pattern: "^[0-9]+$" }, "2", "取組方針番号"),
  param("division", "query", { type: "string" }, "all_bureaus", "担当課ID、または all_bureaus / related_divisions / system_divisions"),
  param("new", "query", { enum: ["1"] }, "1", "1: 新規の取組項目のみ"),
  param("kpi", "query", { enum: ["1"] }, "1", "1: 数値目標がある取組項目のみ"),
  param("q", "query", { type: "string", maxLength: 100 }, "オンライン", "キーワード"),
];

const json = (schema: Schema, description: string) => ({ description, content: { "application/json": { schema } } });
const ERRORS = { "400": json(ref("Error"), "パラメータの誤り"), "404": json(ref("Error"), "団体・取組項目・データセットが見つからない") };
const CKAN_ERRORS = { "400": json(ref("CkanError"), "パラメータの誤り"), "404": json(ref("CkanError"), "パッケージが見つからない") };

const get = (summary: string, parameters: unknown[], ok: Record<string, unknown>, errors: Record<string, unknown> = ERRORS) => ({
  get: { summary, parameters, responses: { "200": ok, ...errors } },
});

export function openApiDocument(siteUrl: string | undefined) {
  return {
    openapi: "3.1.0",
    info: {
      title: "自治体DX推進計画 オープンデータAPI",
      version: "1.0.0",
      description:
        "地方公共団体のDX推進計画（取組方針・取組項目・数値目標など）と、公表された評価結果・数値目標の実績を取得する読み取り専用のAPIです。数値は計画に記載のとおりの10進数の文字列、値がないときは null（0 とは異なる）です。評価結果のデータセットには公表済みの評価だけを含みます。",
    },
    servers: [{ url: siteUrl ?? "/" }],
    paths: {
      "/api/v1/municipalities": get("計画を公開している地方公共団体の一覧", [], json(ref("MunicipalityList"), "団体の一覧"), {}),
      "/api/v1/{lgCode}/plan": get("計画の概要と取組方針", [LG], json(ref("Plan"), "計画")),
      "/api/v1/{lgCode}/initiatives": get("取組項目の一覧（絞り込み可）", [LG, ...LIST_FILTERS], json(ref("InitiativeList"), "取組項目の一覧")),
      "/api/v1/{lgCode}/initiatives/{number}": get(
        "取組項目の詳細（担当、取組内容、目標、取組計画、数値目標）",
        [LG, param("number", "path", { type: "integer", minimum: 1 }, 12, "取組項目番号")],
        json(ref("Initiative"), "取組項目"),
      ),
      "/api/v1/{lgCode}/datasets": get("データセットの一覧", [LG], json(ref("DatasetList"), "データセットの一覧")),
      "/api/v1/{lgCode}/datasets/{dataset}": get(
        "データセット（CSVと同じ行）",
        [LG, DATASET, INITIATIVE, FISCAL_YEAR, ...LIST_FILTERS],
        json(ref("DatasetDocument"), "データセット"),
      ),
      "/{lgCode}/open-data/{dataset}.csv": get(
        "データセットのCSVファイル（UTF-8 BOM付き、CRLF）",
        [LG, DATASET, INITIATIVE, FISCAL_YEAR, ...LIST_FILTERS],
        {
          description:
            "CSVファイル。=、+、-、@ またはタブで始まる文字列には、表計算ソフトで数式として実行されないよう先頭にアポストロフィ（'）を1つ付ける（先頭の ' を1つ除くとJSONと同じ値）。数値の列はそのまま。",
          content: { "text/csv": { schema: { type: "string" } } },
        },
        { "400": { description: "パラメータの誤り（HTMLのエラーページ）" }, "404": { description: "見つからない（HTMLのエラーページ）" } },
      ),
      "/{lgCode}/open-data/{dataset}.json": get(
        "データセットのJSONファイル",
        [LG, DATASET, INITIATIVE, FISCAL_YEAR, ...LIST_FILTERS],
        json(ref("DatasetDocument"), "データセット"),
        { "400": { description: "パラメータの誤り（HTMLのエラーページ）" }, "404": { description: "見つからない（HTMLのエラーページ）" } },
      ),
      "/api/3/action/package_list": get("CKAN互換: すべてのパッケージIDの一覧", [], json(ckanEnvelope(arr(str())), "パッケージIDの一覧"), {}),
      "/api/3/action/package_show": get(
        "CKAN互換: パッケージの詳細",
        [param("id", "query", { type: "string" }, "362018-kpi-targets", "パッケージID（全国地方公共団体コード-データセットID）", true)],
        json(ckanEnvelope(ref("CkanPackage")), "パッケージ"),
        CKAN_ERRORS,
      ),
      "/api/3/action/package_search": get(
        "CKAN互換: パッケージの検索",
        [
          param("q", "query", { type: "string", maxLength: 200 }, "数値目標", "検索語（空白区切りのすべてを含むもの）。*:* はすべて"),
          param("rows", "query", { type: "integer", minimum: 0, maximum: 1000, default: 10 }, 10, "件数"),
          param("start", "query", { type: "integer", minimum: 0, default: 0 }, 0, "開始位置"),
        ],
        json(ckanEnvelope(obj({ count: int(), sort: str(), results: arr(ref("CkanPackage")), facets: { type: "object" }, search_facets: { type: "object" } })), "検索結果"),
        { "400": CKAN_ERRORS["400"] },
      ),
    },
    components: { schemas },
  };
}

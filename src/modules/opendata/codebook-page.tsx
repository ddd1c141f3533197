/** The codebook of one dataset: its files, its columns and the code tables its values use. */
import { TableWrap } from "../../core/views/layout.tsx";
import type { Plan } from "../plan/plan.ts";
import { basePath, PortalPage } from "../tenancy/views/portal-page.tsx";
import { CSV_FORMULA_NOTE, japaneseDate } from "./catalog-page.tsx";
import type { CodeTable } from "./code-tables.ts";
import { TYPE_LABELS } from "./codebook.ts";
import type { Dataset } from "./dataset.ts";
import { datasetPath } from "./dataset-document.ts";

const FILTER_HELP: Record<NonNullable<Dataset["filter"]>, string> = {
  "initiative-list":
    "取組項目の一覧と同じ条件（policy: 取組方針番号、division: 担当課ID、new=1: 新規のみ、kpi=1: 数値目標ありのみ、q: キーワード）をURLに付けると、絞り込んだ行だけを取得できます。",
  initiative: "URLに ?initiative=取組項目番号 を付けると、その取組項目の行だけを取得できます。",
  results:
    "URLに ?fiscal_year=年度（西暦4桁） を付けるとその年度の行だけを、?initiative=取組項目番号 を付けるとその取組項目の行だけを取得できます（両方も可）。",
};

export function CodebookPage(props: { plan: Plan; dataset: Dataset; recordCount: number; updatedAt: Date; codeTables: CodeTable[] }) {
  const { plan, dataset } = props;
  const lgCode = plan.municipality.lgCode;
  const base = basePath(plan.municipality);
  return (
    <PortalPage
      municipality={plan.municipality}
      section="open-data"
      title={`${dataset.title}（コードブック）`}
      description={dataset.description}
      trail={[{ href: `${base}/open-data`, label: "オープンデータ" }]}
    >
      <h1>{dataset.title}</h1>
      <p>{dataset.description}</p>
      <dl class="stats">
        <div>
          <dt>件数</dt>
          <dd>{props.recordCount}件</dd>
        </div>
        <div>
          <dt>最終更新日</dt>
          <dd>
            <time datetime={props.updatedAt.toISOString()}>{japaneseDate(props.updatedAt)}</time>
          </dd>
        </div>
      </dl>
      <h2>ダウンロード</h2>
      <ul class="download-links">
        <li>
          <a href={datasetPath(lgCode, dataset.id, "csv")}>CSV形式</a>
        </li>
        <li>
          <a href={datasetPath(lgCode, dataset.id, "json")}>JSON形式</a>
        </li>
        <li>
          <a href={datasetPath(lgCode, dataset.id, "codebook.csv")}>コードブック（CSV形式）</a>
        </li>
      </ul>
      {dataset.filter ? <p>{FILTER_HELP[dataset.filter]}</p> : null}
      <h2>列の定義</h2>
      <TableWrap label={`${dataset.title}の列`}>
        <table>
          <caption>{dataset.title}の列（CSVの列の順）</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                列
              </th>
              <th scope="col">列名</th>
              <th scope="col">項目名</th>
              <th scope="col">定義</th>
              <th scope="col">型</th>
              <th scope="col">単位</th>
            </tr>
          </thead>
          <tbody>
            {dataset.columns.map((c, index) => (
              <tr>
                <td class="num">{index + 1}</td>
                <th scope="row">
                  <code>{c.name}</code>
                </th>
                <td>{c.label}</td>
                <td>
                  {c.definition}
                  {c.codes ? (
                    <>
                      {" "}
                      <a href={`#codes-${c.codes}`}>コード表</a>
                    </>
                  ) : null}
                </td>
                <td>{TYPE_LABELS[c.type]}</td>
                <td>{c.unit ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p class="note">空欄（JSONでは null）は値がないことを表し、0 とは異なります。</p>
      <p class="note">{CSV_FORMULA_NOTE}</p>
      {props.codeTables.length > 0 ? <h2>コード表</h2> : null}
      {props.codeTables.map((table) => (
        <section>
          <h3 id={`codes-${table.id}`}>
            {table.label}（<code>{table.id}</code>）
          </h3>
          <TableWrap label={`${table.label}のコード`}>
            <table>
              <caption class="visually-hidden">{table.label}のコード</caption>
              <thead>
                <tr>
                  <th scope="col">コード</th>
                  <th scope="col">表記</th>
                  <th scope="col">定義</th>
                </tr>
              </thead>
              <tbody>
                {table.codes.map((code) => (
                  <tr>
                    <th scope="row">
                      <code>{code.code}</code>
                    </th>
                    <td>{code.label}</td>
                    <td>{code.definition}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
      <p>
        <a href={`${base}/open-data`}>データセットの一覧へ戻る</a>
      </p>
    </PortalPage>
  );
}

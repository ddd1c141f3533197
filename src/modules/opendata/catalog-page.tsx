/**
 * オープンデータ: the catalog of a municipality's datasets. For each dataset,
 * what it holds, its files, licence, last update and record count, and the
 * facts a re-user needs before opening a file (encoding, line endings, how
 * to credit the source).
 */
import type { License } from "../../config.ts";
import { TableWrap } from "../../core/views/layout.tsx";
import type { Plan } from "../plan/plan.ts";
import { basePath, PortalPage, siteNameOf } from "../tenancy/views/portal-page.tsx";
import type { Dataset } from "./dataset.ts";
import { datasetPath } from "./dataset-document.ts";

export type CatalogEntry = { dataset: Dataset; recordCount: number; updatedAt: Date };

/** How a CSV reader recovers text that was kept from running as a formula (docs/decisions/015). */
export const CSV_FORMULA_NOTE =
  "CSVでは、表計算ソフトで数式として実行されないよう、=、+、-、@ またはタブで始まる文字列の先頭にアポストロフィ（'）を1つ付けています。先頭の ' を1つ除くと元の値（JSONの値）になります。数値の列には付けません。";

/** 2025年1月5日, in Japan time whatever the server's zone. */
export function japaneseDate(date: Date): string {
  return new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "long", day: "numeric" }).format(date);
}

export function CatalogPage(props: { plan: Plan; entries: CatalogEntry[]; license: License; portalUrl: string }) {
  const { plan, license } = props;
  const lgCode = plan.municipality.lgCode;
  // The page's date is the newest of its datasets' (results may be published after the plan changed).
  const latest = props.entries.reduce((a, e) => (e.updatedAt > a ? e.updatedAt : a), plan.updatedAt);
  return (
    <PortalPage
      municipality={plan.municipality}
      section="open-data"
      title="オープンデータ"
      description={`${siteNameOf(plan.municipality)}のデータをCSV・JSON形式で公開しています。`}
    >
      <h1>オープンデータ</h1>
      <p>
        この計画の取組方針・取組項目・数値目標、公表した評価結果などを、機械判読に適したCSV形式とJSON形式で公開しています。データセット名を選ぶと、各列の意味（コードブック）を確認できます。
      </p>
      <h2>ご利用にあたって</h2>
      <ul>
        <li>
          ライセンス: <a href={license.url}>{license.title}</a>。{license.note}
        </li>
        <li>
          ご利用の際は、出典を次のように表示してください。
          <br />
          <code>
            出典：{siteNameOf(plan.municipality)}（{props.portalUrl}）
          </code>
        </li>
        <li>CSVファイルの文字コードはUTF-8（BOM付き）、改行コードはCRLFです。1行目が項目名（英数字）で、2行目からデータです。</li>
        <li>
          年度は西暦（4月〜翌年3月の開始年）で表し、和暦の列を隣に設けています。数値に単位や桁区切りは含めず、単位は別の列またはコードブックに記載しています。
        </li>
        <li>値がないことは空欄（JSONでは null）で表し、0 とは区別しています。</li>
        <li>{CSV_FORMULA_NOTE}</li>
        <li>評価結果と数値目標の実績のデータセットには、公表された評価結果だけを含みます。</li>
        <li>すべての行に全国地方公共団体コード（lg_code）を付けています。</li>
        <li>
          コード値の意味は<a href={datasetPath(lgCode, "code-tables")}>コード表</a>にまとめています。
        </li>
      </ul>
      <h2>データセット（{props.entries.length}件）</h2>
      <p>
        最終更新日: <time datetime={latest.toISOString()}>{japaneseDate(latest)}</time>
      </p>
      <TableWrap label="公開しているデータセット">
        <table>
          <caption>公開しているデータセット</caption>
          <thead>
            <tr>
              <th scope="col">データセット</th>
              <th scope="col">形式</th>
              <th scope="col" class="num">
                件数
              </th>
              <th scope="col">最終更新日</th>
              <th scope="col">ライセンス</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map(({ dataset, recordCount, updatedAt }) => (
              <tr id={`dataset-${dataset.id}`}>
                <th scope="row">
                  <a href={datasetPath(lgCode, dataset.id)}>{dataset.title}</a>
                  <br />
                  <span class="note">{dataset.description}</span>
                </th>
                <td>
                  <ul class="download-links">
                    <li>
                      {/* The visible word first, so voice control users can say what they see (WCAG 2.5.3). */}
                      <a href={datasetPath(lgCode, dataset.id, "csv")}>
                        CSV
                        <span class="visually-hidden">（{dataset.title}）</span>
                      </a>
                    </li>
                    <li>
                      {/* The visible word first, so voice control users can say what they see (WCAG 2.5.3). */}
                      <a href={datasetPath(lgCode, dataset.id, "json")}>
                        JSON
                        <span class="visually-hidden">（{dataset.title}）</span>
                      </a>
                    </li>
                  </ul>
                </td>
                <td class="num">{recordCount}件</td>
                <td>
                  <time datetime={updatedAt.toISOString()}>{japaneseDate(updatedAt)}</time>
                </td>
                <td>
                  <a href={license.url}>{license.title}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>API</h2>
      <ul>
        <li>
          <a href="/api/openapi.json">API仕様（OpenAPI 3.1）</a>: 計画・取組項目・データセットをJSONで取得できる読み取り専用のAPIです。
        </li>
        <li>
          <a href="/api/3/action/package_list">CKAN互換API</a>: データカタログサイトからデータセットの情報を取り込めます（package_list、package_show、package_search）。
        </li>
      </ul>
      <p>
        <a href={basePath(plan.municipality)}>計画のトップページへ戻る</a>
      </p>
    </PortalPage>
  );
}

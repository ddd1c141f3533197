/**
 * A prefecture's page: its municipalities' plans side by side, and what each
 * has published of its yearly results. Counts only, never shares: a
 * municipality's partly published year would otherwise look like a whole one
 * (decision 022), and shares between plans of different sizes mislead.
 */
import { fiscalYearLabel, periodLabel } from "../../../core/format/fiscal-year.ts";
import { Layout, TableWrap } from "../../../core/views/layout.tsx";
import { GRADES } from "../../plan/plan.ts";
import type { MappingRow, PrefectureComparison } from "../comparison.ts";
import type { Prefecture } from "../../tenancy/prefectures.ts";

const SITE = "自治体DX推進計画ポータル";
export const prefecturePath = (p: Prefecture) => `/prefectures/${p.code}`;

export function PrefecturePage(props: { prefecture: Prefecture; comparison: PrefectureComparison }) {
  const { prefecture, comparison } = props;
  const { municipalities } = comparison;
  const title = `${prefecture.name}の市町村のDX推進計画`;
  return (
    <Layout title={title} siteName={SITE} siteHref="/" crumbs={[{ href: "/", label: SITE }, { label: prefecture.name }]}>
      <h1>{title}</h1>
      {municipalities.length === 0 ? (
        <p>このポータルで計画を公開している{prefecture.name}の団体はまだありません。</p>
      ) : (
        <>
          <p>
            このポータルで計画を公開している{prefecture.name}内の{municipalities.length}団体の計画と、各団体が公表した評価結果を並べています。
            評価結果は各団体が公表したものだけを示し、件数で比べます（計画の規模が団体ごとに違うため、割合は示しません）。
          </p>
          <p>
            <a href={`${prefecturePath(prefecture)}/comparison.csv`} download>
              この比較をCSVでダウンロード
            </a>
            （UTF-8、1行に1つの値の縦持ち形式）
          </p>

          <h2 id="plans">計画の概要</h2>
          <table class="stacked">
            <caption>団体ごとの計画</caption>
            <thead>
              <tr>
                <th scope="col">団体</th>
                <th scope="col">計画</th>
                <th scope="col">計画期間</th>
                <th scope="col">取組方針</th>
                <th scope="col">取組項目</th>
                <th scope="col">数値目標</th>
              </tr>
            </thead>
            <tbody>
              {municipalities.map((m) => (
                <tr>
                  <th scope="row">
                    <a href={`/${m.lgCode}`}>{m.name}</a>
                  </th>
                  <td data-label="計画">{m.plan.title}</td>
                  <td data-label="計画期間">{periodLabel(m.plan.startFiscalYear, m.plan.endFiscalYear)}</td>
                  <td data-label="取組方針" class="num">{m.plan.policies}</td>
                  <td data-label="取組項目" class="num">{m.plan.initiatives}</td>
                  <td data-label="数値目標" class="num">{m.plan.kpis}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <MappingTable
            id="national-priorities"
            heading="国の重点取組事項ごとの取組項目数（図表2）"
            caption="国の「自治体DX推進計画」の重点取組事項に対応する取組項目の数"
            names={municipalities.map((m) => m.name)}
            rows={comparison.nationalPriorities}
          />
          <MappingTable
            id="data-utilization"
            heading="官民データ活用推進基本法の施策ごとの取組項目数（図表5）"
            caption="官民データ活用推進基本法の施策に対応する取組項目の数"
            names={municipalities.map((m) => m.name)}
            rows={comparison.dataUtilization}
          />

          <h2 id="results">公表された評価結果</h2>
          {comparison.publishedYears.length === 0 ? (
            <p>公表された評価結果はまだありません。</p>
          ) : (
            <>
              <p>各年度、公表した取組項目の数と評価（S・A・B・C）ごとの件数、数値目標の達成状況です。「未公表」はその年度の評価結果をまだ公表していない団体です。</p>
              {comparison.publishedYears.map((fiscalYear) => (
                <table class="stacked">
                  <caption>{fiscalYearLabel(fiscalYear)}の評価結果</caption>
                  <thead>
                    <tr>
                      <th scope="col">団体</th>
                      <th scope="col">公表した取組項目</th>
                      {GRADES.map((g) => (
                        <th scope="col">{g}</th>
                      ))}
                      <th scope="col">数値目標（達成／判定できたもの）</th>
                    </tr>
                  </thead>
                  <tbody>
                    {municipalities.map((m) => {
                      const year = m.years.find((y) => y.summary.fiscalYear === fiscalYear);
                      return (
                        <tr>
                          <th scope="row">
                            <a href={`/${m.lgCode}`}>{m.name}</a>
                          </th>
                          {year ? (
                            <>
                              <td data-label="公表した取組項目">
                                {m.plan.initiatives}項目中{year.summary.published}項目
                              </td>
                              {year.summary.counts.map((c) => (
                                <td data-label={c.grade} class="num">
                                  {c.count}
                                </td>
                              ))}
                              <td data-label="数値目標（達成／判定できたもの）">
                                {year.kpis.rated === 0 ? "判定できる数値目標なし" : `${year.kpis.met}／${year.kpis.rated}`}
                              </td>
                            </>
                          ) : (
                            <td colspan={2 + GRADES.length} data-label="評価結果">
                              未公表
                            </td>
                          )}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              ))}
            </>
          )}
        </>
      )}
    </Layout>
  );
}

function MappingTable(props: { id: string; heading: string; caption: string; names: string[]; rows: MappingRow[] }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      {props.rows.length === 0 ? (
        <p>どの団体の計画にも対応表がありません。</p>
      ) : (
        <>
          <p>「－」はその団体の計画の対応表にない項目です（0 は、表にあるが対応する取組項目がないことを示します）。</p>
          <TableWrap label={props.caption}>
            <table class="matrix">
              <caption>{props.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">項目</th>
                  {props.names.map((n) => (
                    <th scope="col">{n}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.rows.map((row) => (
                  <tr>
                    <th scope="row">{row.title}</th>
                    {row.counts.map((count) => (
                      <td>{count === null ? <>
                            －<span class="visually-hidden">（対応表にない項目）</span>
                          </> : count}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}

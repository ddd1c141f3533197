/**
 * A crosstab on the page: the counts with n, the column percentages with the
 * margin of error per group and the adjusted residuals marked, the row
 * percentages, a chart of the column percentages, and the test. Tables are
 * native (caption, th scope); marks are text (▲▼※), never colour alone.
 */
import type { ChartSeries } from "../../../../core/views/charts/chart-figure.tsx";
import { BarChart } from "../../../../core/views/charts/bar-chart.tsx";
import { StackedBarChart } from "../../../../core/views/charts/stacked-bar-chart.tsx";
import { TableWrap } from "../../../../core/views/layout.tsx";
import { columnPercent, residualOf, rowPercent, totalPercent, type Crosstab } from "../domain/crosstab.ts";
import { formatPercent, RESIDUAL_MARK, SMALL_BASE, SMALL_EXPECTED } from "../domain/statistics.ts";

const TONES = ["s", "a", "b", "c", "unpublished", "actual", "target", "baseline"];
const PATTERNS = ["solid", "stripes", "dots", "cross", "outline"] as const;

/** Counts as whole numbers, weighted sums with one decimal. */
export const figureText = (t: Crosstab, n: number) => (t.weighted ? n.toLocaleString("ja-JP", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : n.toLocaleString("ja-JP"));
const moeText = (m: number | null) => (m === null ? "－" : `±${formatPercent(m)}`);

export const weightingLabel = (t: Pick<Crosstab, "weighted">) => (t.weighted ? "重み付け集計（レイキング）" : "重みなし集計");

function ColumnHeads(props: { t: Crosstab; withN?: boolean }) {
  return (
    <>
      {props.t.columns.map((c, j) => (
        <th scope="col">
          {c.label}
          {props.withN ? <span class="crosstab-n">（n={props.t.bases[j]!.toLocaleString("ja-JP")}）</span> : null}
        </th>
      ))}
      <th scope="col">
        合計
        {props.withN ? <span class="crosstab-n">（n={props.t.total.count.toLocaleString("ja-JP")}）</span> : null}
      </th>
    </>
  );
}

export function CountTable(props: { t: Crosstab }) {
  const { t } = props;
  return (
    <TableWrap label="回答者数の表">
      <table class="crosstab">
        <caption>
          {t.question.number} {t.question.text} × {t.by.text}：{t.weighted ? "重み付け回答者数" : "回答者数"}（{weightingLabel(t)}）
        </caption>
        <thead>
          <tr>
            <th scope="col">選択肢</th>
            <ColumnHeads t={t} />
          </tr>
        </thead>
        <tbody>
          {t.rows.map((row, i) => (
            <tr class={row.special ? "crosstab-special" : undefined}>
              <th scope="row">{row.label}</th>
              {t.columns.map((_, j) => (
                <td class="number">{figureText(t, t.values[i]![j]!)}</td>
              ))}
              <td class="number">{figureText(t, t.rowTotals[i]!)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t.question.kind === "multiple" ? "回答者数（母数 n）" : "合計（母数 n）"}</th>
            {t.columns.map((_, j) => (
              <td class="number">{figureText(t, t.valueBases[j]!)}</td>
            ))}
            <td class="number">{figureText(t, t.total.value)}</td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

function residualMark(r: number | undefined): string {
  if (r === undefined || Math.abs(r) < RESIDUAL_MARK) return "";
  return r > 0 ? "▲" : "▼";
}

export function PercentTable(props: { t: Crosstab }) {
  const { t } = props;
  return (
    <TableWrap label="構成比の表">
      <table class="crosstab">
        <caption>
          {t.question.number} {t.question.text} × {t.by.text}：構成比（%、列＝{t.by.text}ごとの{t.question.kind === "multiple" ? "回答者に占める割合。複数回答のため合計は100%を超えます" : "割合"}。{weightingLabel(t)}）
        </caption>
        <thead>
          <tr>
            <th scope="col">選択肢</th>
            <ColumnHeads t={t} withN />
          </tr>
        </thead>
        <tbody>
          {t.rows.map((row, i) => (
            <tr class={row.special ? "crosstab-special" : undefined}>
              <th scope="row">{row.label}</th>
              {t.columns.map((_, j) => {
                const mark = residualMark(residualOf(t, i, j));
                return (
                  <td class="number">
                    {formatPercent(columnPercent(t, i, j))}
                    {t.smallColumns[j] && t.valueBases[j]! > 0 ? "※" : ""}
                    {mark ? <abbr title={mark === "▲" ? "有意に多い" : "有意に少ない"}>{mark}</abbr> : null}
                  </td>
                );
              })}
              <td class="number">{formatPercent(totalPercent(t, i))}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">誤差の幅（95%、ポイント）</th>
            {t.columns.map((_, j) => (
              <td class="number">{moeText(t.margins[j]!)}</td>
            ))}
            <td class="number">{moeText(t.margin)}</td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

export function RowPercentTable(props: { t: Crosstab }) {
  const { t } = props;
  return (
    <TableWrap label="行構成比の表">
      <table class="crosstab">
        <caption>
          {t.question.number} {t.question.text} × {t.by.text}：行構成比（%、選択肢ごとの{t.by.text}の内訳。{weightingLabel(t)}）
        </caption>
        <thead>
          <tr>
            <th scope="col">選択肢</th>
            <ColumnHeads t={t} />
          </tr>
        </thead>
        <tbody>
          {t.rows.map((row, i) => (
            <tr class={row.special ? "crosstab-special" : undefined}>
              <th scope="row">{row.label}</th>
              {t.columns.map((_, j) => (
                <td class="number">{formatPercent(rowPercent(t, i, j))}</td>
              ))}
              <td class="number">{t.rowTotals[i]! > 0 ? "100.0" : "－"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function CrosstabChart(props: { t: Crosstab }) {
  const { t } = props;
  const series: ChartSeries[] = t.rows.map((r, i) => ({ key: `option${i}`, label: r.label, tone: TONES[i % TONES.length]!, pattern: PATTERNS[i % PATTERNS.length]! }));
  const caption = `${t.question.number} ${t.question.text}（${t.by.text}別の構成比、${weightingLabel(t)}。数値は上の表のとおり）`;
  const groups = t.columns.map((c, j) => ({ label: `${c.label}（n=${t.bases[j]}）`, j })).filter((g) => t.valueBases[g.j]! > 0);
  if (t.question.kind === "single") {
    // Counts scaled to shares: a stacked bar is its column's 100%.
    return <StackedBarChart id="crosstab-chart" caption={caption} series={series} rows={groups.map((g) => ({ label: g.label, counts: t.rows.map((_, i) => Math.round(t.values[i]![g.j]! * 100) / 100) }))} />;
  }
  return (
    <BarChart
      id="crosstab-chart"
      caption={caption}
      series={series}
      groups={groups.map((g) => ({
        label: g.label,
        bars: t.rows.map((_, i) => {
          const p = columnPercent(t, i, g.j);
          return { series: `option${i}`, value: p === null ? null : p.toFixed(3), text: p === null ? "－" : `${formatPercent(p)}%` };
        }),
      }))}
    />
  );
}

export function StatisticsSection(props: { t: Crosstab }) {
  const { t } = props;
  const test = t.test;
  return (
    <section aria-labelledby="statistics-heading">
      <h2 id="statistics-heading">統計的な検討</h2>
      <dl class="statistics">
        <dt>集計方法</dt>
        <dd>
          {weightingLabel(t)}
          {t.weighted ? `。デザイン効果（Kish）${t.designEffect.toFixed(2)}、有効回答者数 約${Math.round(t.total.count / t.designEffect).toLocaleString("ja-JP")}人` : ""}
        </dd>
        <dt>誤差の幅（95%信頼区間、回答の割合が50%のとき）</dt>
        <dd>
          全体 {moeText(t.margin)}ポイント（n={t.total.count.toLocaleString("ja-JP")}）。{t.by.text}ごとの幅は構成比の表の最下行のとおりです。
        </dd>
        <dt>独立性の検定（カイ二乗検定）</dt>
        <dd>
          {t.question.kind === "multiple" ? (
            "複数回答の設問は、1人が複数の選択肢に数えられるため検定していません。"
          ) : test ? (
            <>
              χ²＝{test.statistic.toFixed(2)}、自由度 {test.df}、p値 {test.pValue < 0.001 ? "0.001未満" : test.pValue.toFixed(3)}（{test.pValue < 0.05 ? `5%水準で${t.by.text}による違いがある` : `5%水準では${t.by.text}による違いがあるとはいえない`}）。
              無回答・無効回答と{t.by.text}の無回答は除き、重みなしの回答者数で検定しています。
              {test.smallExpectedCells > 0
                ? ` 期待度数が${SMALL_EXPECTED}未満のセルが ${test.smallExpectedCells}個（${formatPercent(test.smallExpectedShare * 100)}%）あります${test.approximationReliable ? "。" : "。20%を超えるか1未満のセルがあるため、検定結果は参考値です。"}`
                : ""}
            </>
          ) : (
            "回答が少ないため検定できません。"
          )}
        </dd>
      </dl>
      <ul class="crosstab-legend">
        <li>▲・▼: 調整済み残差が {RESIDUAL_MARK} 以上・−{RESIDUAL_MARK} 以下（5%水準で、その区分で有意に多い・少ない）</li>
        <li>※: 母数（n）が{SMALL_BASE}未満の区分。構成比は参考値です。</li>
        <li>無回答・無効回答は選択肢とは別の行に示し、母数に含めています。</li>
      </ul>
    </section>
  );
}

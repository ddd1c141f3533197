/**
 * Pieces shared by the printed documents and their web pages: prose, the
 * 図表10-style grade table and chart, a KPI table, the appendix. Every
 * missing value is said in words (「未報告」「－」), never left blank or 0.
 */
import { TableWrap } from "../../../core/views/layout.tsx";
import { fiscalYearLabel, warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { groupDigits } from "../../../core/format/number.ts";
import { GRADE_THRESHOLDS } from "../../cycle/domain/achievement.ts";
import { GRADES } from "../../plan/plan.ts";
import { NOT_REPORTED } from "../domain/annual-report.ts";
import type { DocumentFrame, GradeColumn, KpiLine } from "../domain/content.ts";
import { Prose as CoreProse } from "../../../core/views/prose.tsx";

/** Staff text in the report; "nothing written" in the report's own style (.none). */
export function Prose(props: { text: string | null; none: string }) {
  return <CoreProse text={props.text} none={props.none} noneClass="none" />;
}

export const value = (decimal: string | null, unit: string, none: string) => (decimal === null ? none : `${groupDigits(decimal)}${unit}`);

const yearHead = (c: GradeColumn) => `${warekiFiscalYear(c.fiscalYear)}${c.source === "previous_plan" ? "（前計画）" : ""}`;

/** Grade counts and shares, grades down and years across (the layout of the plan's 図表10). */
export function GradeTable(props: { caption: string; columns: GradeColumn[] }) {
  const cell = (c: GradeColumn, g: string) => {
    const count = c.counts.find((x) => x.grade === g)?.count ?? 0;
    return `${count}項目（${c.shares ? `${c.shares.find((x) => x.grade === g)?.percent ?? 0}%` : "－"}）`;
  };
  return (
    <TableWrap label={props.caption}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">評価</th>
            {props.columns.map((c) => (
              <th scope="col" class="num">
                {yearHead(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {GRADES.map((g) => (
            <tr>
              <th scope="row">{g}</th>
              {props.columns.map((c) => (
                <td class="num">{cell(c, g)}</td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">合計</th>
            {props.columns.map((c) => (
              <td class="num">
                {c.total}項目（{c.shares ? "100%" : "－"}）
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </TableWrap>
  );
}

const FILLS: Record<string, string> = { S: "#0031d8", A: "#4979f5", B: "#9db7f9", C: "#e0e7fd" };
const TEXT_FILLS: Record<string, string> = { S: "#ffffff", A: "#ffffff", B: "#1a1a1a", C: "#1a1a1a" };

/**
 * The shares of S/A/B/C per year as 100% bars drawn on the server. Each
 * segment is labelled with its grade and share (colour is not the only cue);
 * the description holds every figure, the table above the same numbers.
 */
export function GradeChart(props: { columns: GradeColumn[]; id: string }) {
  const rows = props.columns.filter((c) => c.shares !== null);
  if (rows.length === 0) return null;
  const width = 640;
  const rowHeight = 30;
  const labelWidth = 150;
  const top = 8;
  const height = top + rows.length * (rowHeight + 10) + 8;
  const barWidth = width - labelWidth - 10;
  const describe = rows
    .map((c) => `${yearHead(c)}: ${c.shares!.map((s) => `${s.grade} ${s.percent}%`).join("、")}（${c.total}項目）`)
    .join("。");
  return (
    <figure>
      <svg class="chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${props.id}-title ${props.id}-desc`}>
        <title id={`${props.id}-title`}>自己評価の割合の推移</title>
        <desc id={`${props.id}-desc`}>{describe}</desc>
        {rows.map((c, i) => {
          const y = top + i * (rowHeight + 10);
          let x = labelWidth;
          return (
            <g>
              <text x={labelWidth - 8} y={y + rowHeight / 2 + 5} text-anchor="end" font-size="13" fill="#1a1a1a">
                {yearHead(c)}
              </text>
              {c.shares!.map((s) => {
                const w = (s.percent / 100) * barWidth;
                const segment = (
                  <g>
                    <rect x={x} y={y} width={w} height={rowHeight} fill={FILLS[s.grade]} stroke="#1a1a1a" stroke-width="0.5" />
                    {w >= 34 ? (
                      <text x={x + w / 2} y={y + rowHeight / 2 + 5} text-anchor="middle" font-size="12" fill={TEXT_FILLS[s.grade]}>
                        {`${s.grade} ${s.percent}%`}
                      </text>
                    ) : null}
                  </g>
                );
                x += w;
                return segment;
              })}
            </g>
          );
        })}
      </svg>
      <figcaption class="note">自己評価（CIOが変更した項目は変更後の評価）の割合。狭い区分は表の数値をご覧ください。</figcaption>
    </figure>
  );
}

/** A year's KPI figures of one initiative: baseline, target, actual, achievement. */
export function KpiTable(props: { kpis: KpiLine[]; fiscalYear: number; caption: string }) {
  if (props.kpis.length === 0) return <p class="none">この取組項目には数値目標がありません。</p>;
  return (
    <TableWrap label={props.caption}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">数値目標</th>
            <th scope="col" class="num">
              基準値
            </th>
            <th scope="col" class="num">
              {warekiFiscalYear(props.fiscalYear)}目標値
            </th>
            <th scope="col" class="num">
              実績
            </th>
            <th scope="col">達成状況</th>
          </tr>
        </thead>
        <tbody>
          {props.kpis.map((k) => (
            <tr>
              <th scope="row">
                {k.code ? `${k.code} ` : ""}
                {k.label}
                <span class="note">（単位: {k.unit}）</span>
              </th>
              <td class="num">
                {k.baseline ? `${value(k.baseline.value, k.unit, "－")}（${warekiFiscalYear(k.baseline.fiscalYear)}）` : "－"}
              </td>
              <td class="num">{value(k.target, k.unit, "－（目標値なし）")}</td>
              <td class="num">{value(k.actual, k.unit, NOT_REPORTED)}</td>
              <td>{k.achievement}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** How grades and achievement are computed, the grade definitions and the glossary. */
export function Appendix(props: { frame: DocumentFrame; headingIds: { method: string; glossary: string }; annual: boolean; pageClass?: string }) {
  const { frame } = props;
  return (
    <>
      {props.annual ? (
        <section class={props.pageClass}>
          <h2 id={props.headingIds.method}>付録1 評価と達成状況の求め方</h2>
          <h3>評価の区分</h3>
          <dl class="definitions">
            {frame.gradeDefinitions.map((g) => (
              <>
                <dt>{g.grade}</dt>
                <dd>{g.definition}</dd>
              </>
            ))}
          </dl>
          <h3>自己評価と最終的な評価</h3>
          <p>
            各取組項目の担当課が、前年度の取組実績を4段階で自己評価し、デジタル化推進委員会が審査します。CIOが評価を変更した取組項目は、変更後の評価を最終的な評価とし、変更の理由を記載しています。集計（図表10の形式）は最終的な評価で数えています。
          </p>
          <p>割合は最大剰余方式で整数に丸めています（合計が必ず100%になります）。前計画の年度の割合は、前計画に印刷された値です。</p>
          <h3>数値目標の達成状況</h3>
          <ul>
            <li>値が大きいほど良い指標: 達成率 ＝ 実績 ÷ 目標値。</li>
            <li>値が小さいほど良い指標: 達成率 ＝ 目標値 ÷ 実績（実績が0のときは目標を達成）。</li>
            <li>維持する指標: 実績が目標値以上で達成。達成率は100%を上限とします。</li>
            <li>累計の指標は、その年度までの累計の実績を、その年度の累計の目標値と比べます。</li>
            <li>達成率は小数第1位まで（第2位を四捨五入）。目標値が0のときは率を求めず、達成・未達成のみを示します。</li>
            <li>
              実績が報告されていない場合は「{NOT_REPORTED}」、その年度の目標値がない場合は「目標値なし」とし、0%とはしません。
            </li>
            <li>
              達成率から見た評価の目安: S {GRADE_THRESHOLDS.S}%以上、A {GRADE_THRESHOLDS.A}%以上、B {GRADE_THRESHOLDS.B}%以上、C {GRADE_THRESHOLDS.B}%未満。自己評価はこれを参考に担当課が判断します。
            </li>
          </ul>
        </section>
      ) : null}
      <section class={props.pageClass}>
        <h2 id={props.headingIds.glossary}>{props.annual ? "付録2 用語説明" : "用語説明"}</h2>
        {frame.glossary.length === 0 ? (
          <p class="none">用語説明はありません。</p>
        ) : (
          <dl class="glossary">
            {frame.glossary.map((g) => (
              <>
                <dt>{g.term}</dt>
                <dd>{g.description}</dd>
              </>
            ))}
          </dl>
        )}
      </section>
    </>
  );
}

export const yearTitle = (fiscalYear: number) => fiscalYearLabel(fiscalYear);

/**
 * One published survey table on a page: the counts exactly as published
 * (cells, row totals, column totals), the share of each answer within each
 * column (age band), and a stacked bar chart of those shares drawn on the
 * server. A table the report shows only as a chart says so instead.
 */
import type { ChartSeries } from "../../../../core/views/charts/chart-figure.tsx";
import { StackedBarChart } from "../../../../core/views/charts/stacked-bar-chart.tsx";
import { TableWrap } from "../../../../core/views/layout.tsx";
import { groupDigits } from "../../../../core/format/number.ts";
import { cellOf, hasFigures, sharesByColumn, type PublishedTable } from "../domain/published-table.ts";

/** A second cue besides colour for each answer (up to five; more repeat with the outline). */
const TONES: Pick<ChartSeries, "tone" | "pattern">[] = [
  { tone: "s", pattern: "solid" },
  { tone: "a", pattern: "stripes" },
  { tone: "b", pattern: "dots" },
  { tone: "c", pattern: "cross" },
  { tone: "unpublished", pattern: "outline" },
];

const NONE = "－";

export const tableHeading = (t: Pick<PublishedTable, "number" | "title">) => `${t.number ? `${t.number} ` : ""}${t.title}`;
export const tableAnchor = (t: Pick<PublishedTable, "key">) => `table-${t.key}`;

function Count(props: { value: string | null | undefined; unit: string }) {
  if (props.value === undefined) return <td class="num">{NONE}</td>;
  if (props.value === null)
    return (
      <td class="num">
        {NONE}
        <span class="visually-hidden">（公表していません）</span>
      </td>
    );
  return <td class="num">{groupDigits(props.value)}</td>;
}

/** The counts as published, with the totals as published. */
export function CountTable(props: { table: PublishedTable }) {
  const { table } = props;
  const columns = table.columns;
  const caption = `表${tableHeading(table)}${table.columnTitle ? `（${table.columnTitle}別）` : ""}（単位：${table.unit}${table.weighted ? "、重み付け集計" : ""}）`;
  return (
    <TableWrap label={caption}>
      <table class="survey-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">回答</th>
            {columns.map((c) => (
              <th scope="col" class="num">
                {c.label}
              </th>
            ))}
            <th scope="col" class="num">
              合計
            </th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              {columns.map((c) => (
                <Count value={cellOf(table, r.code, c.code)} unit={table.unit} />
              ))}
              <Count value={cellOf(table, r.code, null)} unit={table.unit} />
            </tr>
          ))}
          <tr class="survey-total">
            <th scope="row">{table.kind === "multiple" ? "回答者数" : "合計"}</th>
            {columns.map((c) => (
              <Count value={cellOf(table, null, c.code)} unit={table.unit} />
            ))}
            <Count value={cellOf(table, null, null)} unit={table.unit} />
          </tr>
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Each answer's share of its column (age band) and of everyone: the rows sum to 100% up to rounding. */
export function ShareTable(props: { table: PublishedTable }) {
  const { table } = props;
  const shares = sharesByColumn(table);
  const by = table.columnTitle ?? "区分";
  const caption = `表${tableHeading(table)}の${by}別の割合（単位：%、各行の合計が100%）`;
  return (
    <TableWrap label={caption}>
      <table class="survey-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{by}</th>
            {table.rows.map((r) => (
              <th scope="col" class="num">
                {r.label}
              </th>
            ))}
            <th scope="col" class="num">
              回答者数（n）
            </th>
          </tr>
        </thead>
        <tbody>
          {shares.map((row) => (
            <tr class={row.code === "ALL" ? "survey-total" : undefined}>
              <th scope="row">{row.label}</th>
              {row.shares.map((s) => (
                <td class="num">{s.percent === null ? NONE : `${s.percent}%`}</td>
              ))}
              <td class="num">{row.base === null ? NONE : groupDigits(String(row.base))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function ShareChart(props: { table: PublishedTable; idPrefix?: string }) {
  const { table } = props;
  const series: ChartSeries[] = table.rows.map((r, i) => ({ key: r.code, label: `${r.code} ${r.label}`, ...TONES[Math.min(i, TONES.length - 1)]! }));
  const rows = sharesByColumn(table).map((row) => ({ label: `${row.label}（${row.base ?? NONE}人）`, counts: row.shares.map((s) => s.count ?? 0) }));
  return (
    <StackedBarChart
      id={`${props.idPrefix ?? "chart"}-${table.key}`}
      caption={`図 ${tableHeading(table)}（${table.columnTitle ?? "区分"}別の回答の構成。棒の中の数字は回答の番号と人数）。数値は上の表のとおりです。`}
      series={series}
      rows={rows}
    />
  );
}

/** A table's whole section on the survey page. */
export function PublishedTableSection(props: { table: PublishedTable }) {
  const { table } = props;
  return (
    <section aria-labelledby={tableAnchor(table)} class="survey-question">
      <h3 id={tableAnchor(table)}>{tableHeading(table)}</h3>
      {hasFigures(table) ? (
        <>
          <CountTable table={table} />
          {table.columns.length > 0 ? (
            <>
              <ShareTable table={table} />
              <ShareChart table={table} />
            </>
          ) : null}
          {table.note ? <p class="note">{table.note}</p> : null}
        </>
      ) : (
        <p>{table.note ?? "この設問の数値は公表されていません。"}</p>
      )}
    </section>
  );
}

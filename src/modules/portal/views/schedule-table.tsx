/**
 * 取組計画 as a table: one row per schedule row, one column per fiscal year.
 * Each cell says its phase in text (検討/実施/拡大 or なし); the coloured bar
 * is decoration on top of the text, never the only carrier of meaning.
 */
import { warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { TableWrap } from "../../../core/views/layout.tsx";
import type { Phase, Plan, ScheduleRow } from "../../plan/plan.ts";
import { fiscalYearsOf } from "../../plan/plan.ts";

export function ScheduleTable(props: { plan: Plan; rows: ScheduleRow[]; caption: string }) {
  const years = fiscalYearsOf(props.plan);
  const label = new Map(props.plan.phaseLegend.map((l) => [l.phase, l.label]));
  const anyAssumed = props.rows.some((r) => r.assumed);
  return (
    <>
      <TableWrap label={props.caption}>
        <table class="schedule">
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">取組</th>
              {years.map((y) => (
                <th scope="col" class="num">
                  {warekiFiscalYear(y)}
                  <br />
                  <span class="note">（{y}年度）</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <th scope="row">
                  {row.label}
                  {row.assumed ? <span class="tag tag-assumed">確認中</span> : null}
                </th>
                {years.map((y) => (
                  <PhaseCell phase={row.phases.get(y)} label={label} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <PhaseLegend plan={props.plan} />
      {anyAssumed ? (
        <p class="note">
          「確認中」の行は、年度ごとの段階の表示を、事務局が計画書の原本と照合しているところです。
        </p>
      ) : null}
    </>
  );
}

function PhaseCell(props: { phase: Phase | undefined; label: Map<Phase, string> }) {
  if (!props.phase) {
    return (
      <td class="phase-none">
        <span aria-hidden="true">－</span>
        <span class="visually-hidden">なし</span>
      </td>
    );
  }
  return (
    <td>
      <span class={`phase phase-${props.phase}`}>{props.label.get(props.phase)}</span>
    </td>
  );
}

export function PhaseLegend(props: { plan: Plan }) {
  return (
    <dl class="legend">
      {props.plan.phaseLegend.map((l) => (
        <div>
          <dt>
            <span class={`phase phase-${l.phase}`}>{l.label}</span>
          </dt>
          <dd>{l.description}</dd>
        </div>
      ))}
    </dl>
  );
}

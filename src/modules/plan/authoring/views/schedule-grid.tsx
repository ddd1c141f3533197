/**
 * 取組計画 as the plan prints it: one row per schedule row, one column per
 * fiscal year, each cell a choice of the plan's phases (検討 / 実施 / 拡大)
 * or none. On a phone the table scrolls sideways inside its labelled region
 * with the row's name kept in view (decision 018, decision 026).
 */
import { fiscalYearLabel, warekiFiscalYear } from "../../../../core/format/fiscal-year.ts";
import type { FieldError } from "../../../../core/http/form.ts";
import { TableWrap } from "../../../../core/views/layout.tsx";
import { PHASES, type Phase } from "../../plan.ts";
import type { ScheduleRowForm } from "../forms/initiative-form.ts";
import { rowAction } from "../forms/row-actions.ts";
import { RowButton } from "./authoring-page.tsx";
import { GridCheckbox, GridSelect, GridText, RowMessage } from "./grid-fields.tsx";
import { GridSection, RowControls } from "./grid-section.tsx";

export function ScheduleGrid(props: { rows: ScheduleRowForm[]; years: readonly string[]; phaseLabels: Record<Phase, string>; errors: readonly FieldError[] }) {
  const { errors, years } = props;
  const options = [{ value: "", label: "－（なし）" }, ...PHASES.map((p) => ({ value: p, label: props.phaseLabels[p] }))];
  return (
    <GridSection path={["schedule"]} heading="取組計画（年度ごとの段階）" errors={errors}>
      <p class="hint" id="schedule-grid-hint">
        行ごとに、各年度の段階（{PHASES.map((p) => props.phaseLabels[p]).join("・")}）を選びます。その年度に取組がなければ「－（なし）」です。「読み取り」は印字から読み取った段階で、原本で確認できたら外してください（市民向けのページに「読み取り」と表示されます）。
      </p>
      {props.rows.length === 0 ? (
        <p>取組計画の行はありません。</p>
      ) : (
        <TableWrap label="取組計画の表（横にスクロールできます）">
          <table class="edit-grid">
            <caption>取組計画：行ごとの年度別の段階</caption>
            <thead>
              <tr>
                <th scope="col">取組計画の項目</th>
                {years.map((y) => (
                  <th scope="col">
                    {warekiFiscalYear(Number(y))}
                    <span class="grid-year">（{y}年度）</span>
                  </th>
                ))}
                <th scope="col">読み取り</th>
                <th scope="col">注記（任意）</th>
                <th scope="col">行の操作</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row, r) => {
                const name = `取組計画${r + 1}${row.label ? ` ${row.label}` : ""}`;
                return (
                  <tr id={`f-schedule-${r}`}>
                    <th scope="row">
                      <RowMessage path={["schedule", r]} errors={errors} />
                      <RowMessage path={["schedule", r, "phases"]} errors={errors} />
                      <GridText path={["schedule", r, "label"]} label={`取組計画${r + 1}の項目（必須）`} value={row.label} errors={errors} />
                    </th>
                    {years.map((y) => (
                      <td>
                        <GridSelect
                          path={["schedule", r, "phases", y]}
                          label={`${name} ${fiscalYearLabel(Number(y))}の段階`}
                          value={row.phases[y] ?? ""}
                          options={options}
                          errors={errors}
                        />
                      </td>
                    ))}
                    <td>
                      <GridCheckbox path={["schedule", r, "assumed"]} label={`${name}の段階は印字からの読み取り（要確認）`} checked={row.assumed} errors={errors} hintId="schedule-grid-hint" />
                    </td>
                    <td>
                      <GridText path={["schedule", r, "note"]} label={`${name}の注記`} value={row.note} errors={errors} />
                    </td>
                    <td>
                      <RowControls list="schedule" index={r} what={`取組計画${r + 1}`} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      <p>
        <RowButton action={rowAction("add", "schedule")} label="取組計画の行を追加" />
      </p>
    </GridSection>
  );
}

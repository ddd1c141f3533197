/**
 * The responsible divisions of an initiative, in order (the first leads), as
 * a grid with one row per division; the schedule and the KPIs have grids of
 * their own (schedule-grid.tsx, kpi-grid.tsx). Field names are plan-file
 * paths (field-paths.ts).
 */
import type { FieldError } from "../../../../core/http/form.ts";
import { TableWrap } from "../../../../core/views/layout.tsx";
import { COLLECTIVE_LABELS } from "../../plan.ts";
import type { DivisionRowForm } from "../forms/initiative-form.ts";
import { rowAction } from "../forms/row-actions.ts";
import { RowButton } from "./authoring-page.tsx";
import { GridSelect, GridText, RowMessage } from "./grid-fields.tsx";
import { GridSection, RowControls } from "./grid-section.tsx";

type Option = { value: string; label: string };

const KIND_OPTIONS: Option[] = [
  { value: "division", label: "課を指定" },
  ...Object.entries(COLLECTIVE_LABELS).map(([value, label]) => ({ value, label })),
];

export function DivisionsGrid(props: { rows: DivisionRowForm[]; divisionOptions: Option[]; errors: readonly FieldError[] }) {
  const { errors } = props;
  const names = [{ value: "", label: "（課を選んでください）" }, ...props.divisionOptions];
  return (
    <GridSection path={["divisions"]} heading="担当課（記載順。先頭が主担当）" errors={errors}>
      <p class="hint">「全部局」「関係各課」「各システム担当課」を選んだ場合、課の欄は使いません。一覧にない課は、先に組織管理で登録してください。</p>
      <TableWrap label="担当課の表（横にスクロールできます）">
        <table class="edit-grid">
          <caption>担当課</caption>
          <thead>
            <tr>
              <th scope="col">担当</th>
              <th scope="col">種類</th>
              <th scope="col">課</th>
              <th scope="col">課内の室・係（任意）</th>
              <th scope="col">注記（任意）</th>
              <th scope="col">行の操作</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((d, i) => {
              const what = `担当${i + 1}`;
              return (
                <tr id={`f-divisions-${i}`}>
                  <th scope="row">
                    {what}
                    {i === 0 ? "（主担当）" : ""}
                    <RowMessage path={["divisions", i]} errors={errors} />
                  </th>
                  <td>
                    <GridSelect path={["divisions", i, "kind"]} label={`${what}の種類`} options={KIND_OPTIONS} value={d.kind} errors={errors} />
                  </td>
                  <td>
                    <GridSelect path={["divisions", i, "name"]} label={`${what}の課`} options={names} value={d.name} errors={errors} />
                  </td>
                  <td>
                    <GridText path={["divisions", i, "unit"]} label={`${what}の課内の室・係（例: 市史編さん室）`} value={d.unit} errors={errors} />
                  </td>
                  <td>
                    <GridText path={["divisions", i, "note"]} label={`${what}の注記`} value={d.note} errors={errors} />
                  </td>
                  <td>
                    <RowControls list="divisions" index={i} what={what} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <p>
        <RowButton action={rowAction("add", "divisions")} label="担当を追加" />
      </p>
    </GridSection>
  );
}

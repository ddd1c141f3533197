/** The overview's filter form: a GET form (no JavaScript), the chosen values kept. */
import { SelectField } from "../../../core/views/forms.tsx";
import { GRADES } from "../../plan/plan.ts";
import { REPORT_STATES, STATE_LABELS } from "../domain/report-workflow.ts";
import type { OverviewFilter } from "../overview-filter.ts";
import type { DivisionRef } from "../repository/cycle-queries.ts";

export function OverviewFilterForm(props: { action: string; filter: OverviewFilter; divisions: DivisionRef[]; shown: number; total: number; filtered: boolean }) {
  const f = props.filter;
  return (
    <form method="get" action={props.action} class="overview-filter" aria-labelledby="filter-heading">
      <h3 id="filter-heading">絞り込み</h3>
      <div class="filter-fields">
        <SelectField
          id="filter-stage"
          name="stage"
          label="段階"
          value={f.stage ?? ""}
          options={[{ value: "", label: "すべて" }, ...REPORT_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] }))]}
        />
        <SelectField
          id="filter-division"
          name="division"
          label="主担当課"
          value={f.division === undefined ? "" : String(f.division)}
          options={[
            { value: "", label: "すべて" },
            ...props.divisions.map((d) => ({ value: String(d.id), label: d.name })),
            { value: "none", label: "未指定" },
          ]}
        />
        <SelectField
          id="filter-grade"
          name="grade"
          label="評価"
          value={f.grade ?? ""}
          options={[{ value: "", label: "すべて" }, ...GRADES.map((g) => ({ value: g, label: g })), { value: "none", label: "未評価" }]}
        />
      </div>
      <button type="submit" class="button button-secondary">
        絞り込む
      </button>
      {props.filtered ? (
        <p>
          {props.total}件中{props.shown}件を表示しています。<a href={`${props.action}#overview-table`}>絞り込みを解除する</a>
        </p>
      ) : null}
    </form>
  );
}

/**
 * One initiative (取組項目) of a draft, or a new one: every field of it on one
 * form, in five parts under headings — the outline, the divisions, the
 * content and goals, then the schedule and the KPIs as grids of rows × fiscal
 * years (decision 026).
 */
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { Phase } from "../../plan.ts";
import type { Revision } from "../../revisions/revision.ts";
import type { InitiativeForm } from "../forms/initiative-form.ts";
import { draftBase } from "../paths.ts";
import { AuthoringPage, DraftForm, type EditState, type Staff } from "./authoring-page.tsx";
import { PathCheckbox, PathSelect, PathText, PathTextArea } from "./fields.tsx";
import { DivisionsGrid } from "./initiative-fieldsets.tsx";
import { KpiGrids } from "./kpi-grid.tsx";
import { ScheduleGrid } from "./schedule-grid.tsx";

/** The parts of the form, each under its heading: the page's table of contents. */
const PARTS = [
  { id: "part-outline", label: "基本情報" },
  { id: "f-divisions", label: "担当課" },
  { id: "part-content", label: "取組内容と目標" },
  { id: "f-schedule", label: "取組計画" },
  { id: "f-kpis", label: "数値目標" },
];

export type InitiativePageProps = {
  municipality: Municipality;
  staff: Staff;
  draft: Revision;
  form: InitiativeForm;
  state: EditState;
  /** Undefined for a new initiative (its number is typed); else its number. */
  number?: number;
  years: readonly string[];
  phaseLabels: Record<Phase, string>;
  /** Registered divisions: value is the name the plan file uses. */
  divisionOptions: { value: string; label: string }[];
};

export function InitiativeEditPage(props: InitiativePageProps) {
  const { form, state, draft } = props;
  const errors = state.errors;
  const base = `${draftBase(props.municipality, draft.id)}/initiatives`;
  const title = props.number === undefined ? "取組項目の追加" : `取組項目${props.number}`;
  const policies = draft.content.policies.map((p) => ({ value: String(p.number), label: `取組方針${p.number} ${p.title}` }));
  return (
    <AuthoringPage municipality={props.municipality} staff={props.staff} title={title} errors={errors} draft={draft} notice={state.notice}>
      <h1>
        {title}
        {props.number !== undefined && form.title ? ` ${form.title}` : ""}
      </h1>
      <p>
        <a href={base}>取組項目の一覧へ戻る</a>
      </p>
      <p>担当・取組計画・数値目標の行の追加、削除、並べ替えは、「下書きに保存」を押すまで保存されません。</p>
      <nav aria-label="この画面の項目">
        <ul class="download-links">
          {PARTS.map((p) => (
            <li>
              <a href={`#${p.id}`}>{p.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <DraftForm action={props.number === undefined ? `${base}/new` : `${base}/${props.number}`} csrfToken={props.staff.csrfToken} state={state}>
        <section class="edit-section" aria-labelledby="part-outline">
          <h2 id="part-outline">基本情報</h2>
          <div class="edit-columns">
            {props.number === undefined ? (
              <PathText path={["number"]} label="取組項目の番号" value={form.number} errors={errors} inputmode="numeric" required />
            ) : null}
            <PathSelect path={["policy"]} label="取組方針" options={policies} value={form.policy} errors={errors} />
            <PathText path={["title"]} label="取組項目名" value={form.title} errors={errors} required />
          </div>
          <PathCheckbox path={["isNew"]} label="新規の取組項目（前の計画になかったもの）" checked={form.isNew} errors={errors} />
        </section>
        <DivisionsGrid rows={form.divisions} divisionOptions={props.divisionOptions} errors={errors} />
        <section class="edit-section" aria-labelledby="part-content">
          <h2 id="part-content">取組内容と目標</h2>
          <div class="edit-columns">
            <PathTextArea path={["content"]} label="取組内容（1行に1項目）" value={form.content} errors={errors} rows={6} required />
            <PathTextArea path={["goals"]} label="目標（1行に1項目）" value={form.goals} errors={errors} rows={6} required />
          </div>
        </section>
        <ScheduleGrid rows={form.schedule} years={props.years} phaseLabels={props.phaseLabels} errors={errors} />
        <KpiGrids rows={form.kpis} years={props.years} errors={errors} />
      </DraftForm>
    </AuthoringPage>
  );
}

/**
 * The repeated parts of the initiative form: responsible divisions (in order,
 * the first leads), schedule rows with a phase per fiscal year, and KPIs with
 * a target per fiscal year. Field names are plan-file paths (field-paths.ts).
 */
import { fiscalYearLabel } from "../../../../core/format/fiscal-year.ts";
import type { FieldError } from "../../../../core/http/form.ts";
import { COLLECTIVE_LABELS, DIRECTION_LABELS, type Phase } from "../../plan.ts";
import type { DivisionRowForm, KpiForm, ScheduleRowForm } from "../forms/initiative-form.ts";
import { rowAction } from "../forms/row-actions.ts";
import { RowButton } from "./authoring-page.tsx";
import { PathCheckbox, PathGroup, PathSelect, PathText } from "./fields.tsx";

type Option = { value: string; label: string };

const KIND_OPTIONS: Option[] = [
  { value: "division", label: "課を指定" },
  ...Object.entries(COLLECTIVE_LABELS).map(([value, label]) => ({ value, label })),
];

const DIRECTION_OPTIONS: Option[] = Object.entries(DIRECTION_LABELS).map(([value, label]) => ({ value, label }));

function RowControls(props: { list: string; index: number; what: string; movable?: boolean }) {
  return (
    <p>
      {props.movable && props.index > 0 ? <RowButton action={rowAction("up", props.list, props.index)} label="上へ移動" context={`${props.what}を`} /> : null}{" "}
      <RowButton action={rowAction("remove", props.list, props.index)} label="削除" context={`${props.what}を`} />
    </p>
  );
}

export function DivisionsFieldset(props: { rows: DivisionRowForm[]; divisionOptions: Option[]; errors: readonly FieldError[] }) {
  const { errors } = props;
  const names = [{ value: "", label: "（課を選んでください）" }, ...props.divisionOptions];
  return (
    <PathGroup path={["divisions"]} legend="担当課（記載順。先頭が主担当）" errors={errors}>
      <p class="hint">「全部局」「関係各課」「各システム担当課」を選んだ場合、課の欄は使いません。一覧にない課は、先に組織管理で登録してください。</p>
      {props.rows.map((d, i) => {
        const what = `担当${i + 1}`;
        return (
          <PathGroup path={["divisions", i]} legend={`${what}${i === 0 ? "（主担当）" : ""}`} errors={errors}>
            <PathSelect path={["divisions", i, "kind"]} label="種類" options={KIND_OPTIONS} value={d.kind} errors={errors} />
            <PathSelect path={["divisions", i, "name"]} label="課" options={names} value={d.name} errors={errors} />
            <PathText path={["divisions", i, "unit"]} label="課内の室・係（任意）" value={d.unit} errors={errors} hint="例: 市史編さん室" />
            <PathText path={["divisions", i, "note"]} label="注記（任意）" value={d.note} errors={errors} />
            <RowControls list="divisions" index={i} what={what} movable />
          </PathGroup>
        );
      })}
      <p>
        <RowButton action={rowAction("add", "divisions")} label="担当を追加" />
      </p>
    </PathGroup>
  );
}

export function ScheduleFieldset(props: { rows: ScheduleRowForm[]; years: readonly string[]; phaseLabels: Record<Phase, string>; errors: readonly FieldError[] }) {
  const { errors } = props;
  const phases: Option[] = [
    { value: "", label: "なし" },
    ...(["study", "implement", "expand"] as const).map((p) => ({ value: p, label: props.phaseLabels[p] })),
  ];
  return (
    <PathGroup path={["schedule"]} legend="取組計画（年度ごとの段階）" errors={errors}>
      {props.rows.length === 0 ? <p>取組計画の行はありません。</p> : null}
      {props.rows.map((row, r) => {
        const what = `取組計画${r + 1}`;
        return (
          <PathGroup path={["schedule", r]} legend={`${what}${row.label ? ` ${row.label}` : ""}`} errors={errors}>
            <PathText path={["schedule", r, "label"]} label="取組計画の項目" value={row.label} errors={errors} required />
            <PathGroup path={["schedule", r, "phases"]} legend="年度ごとの段階" errors={errors}>
              {props.years.map((y) => (
                <PathSelect path={["schedule", r, "phases", y]} label={fiscalYearLabel(Number(y))} options={phases} value={row.phases[y] ?? ""} errors={errors} />
              ))}
            </PathGroup>
            <PathCheckbox
              path={["schedule", r, "assumed"]}
              label="段階は印字からの読み取り（要確認）"
              checked={row.assumed}
              errors={errors}
              hint="市民向けのページに「読み取り」と表示されます。原本で確認できたら外してください。"
            />
            <PathText path={["schedule", r, "note"]} label="注記（任意）" value={row.note} errors={errors} />
            <RowControls list="schedule" index={r} what={what} movable />
          </PathGroup>
        );
      })}
      <p>
        <RowButton action={rowAction("add", "schedule")} label="取組計画の行を追加" />
      </p>
    </PathGroup>
  );
}

export function KpisFieldset(props: { rows: KpiForm[]; years: readonly string[]; errors: readonly FieldError[] }) {
  const { errors } = props;
  return (
    <PathGroup path={["kpis"]} legend="数値目標" errors={errors}>
      <p class="hint">
        数値は数字だけを入力してください（全角数字や「1,600」のような桁区切りも使えます）。単位は「単位」欄に書き、数値には付けません。目標値の空欄は「目標なし（—）」で、0ではありません。
      </p>
      {props.rows.length === 0 ? <p>数値目標はありません。</p> : null}
      {props.rows.map((k, i) => {
        const what = `数値目標${i + 1}`;
        return (
          <PathGroup path={["kpis", i]} legend={`${what}${k.label ? ` ${k.label}` : ""}`} errors={errors}>
            <PathText path={["kpis", i, "code"]} label="番号（任意）" value={k.code} errors={errors} hint="計画に印字された番号（例: (1)-1）。なければ空欄" />
            <PathText path={["kpis", i, "label"]} label="指標名" value={k.label} errors={errors} required />
            <PathText path={["kpis", i, "unit"]} label="単位" value={k.unit} errors={errors} hint="例: 件、％、データセット" required />
            <PathSelect path={["kpis", i, "direction"]} label="目指す方向" options={DIRECTION_OPTIONS} value={k.direction} errors={errors} />
            <PathCheckbox path={["kpis", i, "cumulative"]} label="目標値は累計" checked={k.cumulative} errors={errors} />
            <PathGroup path={["kpis", i, "baseline"]} legend="基準値" errors={errors}>
              <PathText
                path={["kpis", i, "baseline", "fiscalYear"]}
                label="基準値の年度"
                value={k.baseline.fiscalYear}
                errors={errors}
                hint="西暦（例: 2020）または和暦（例: 令和2年度）。基準値がなければ年度も値も空欄"
              />
              <PathText
                path={["kpis", i, "baseline", "value"]}
                label="基準値"
                value={k.baseline.value}
                errors={errors}
                hint="年度があって値が空欄なら「－（値なし）」と表示されます"
              />
              <PathText path={["kpis", i, "baseline", "note"]} label="基準値の注記（任意）" value={k.baseline.note} errors={errors} />
            </PathGroup>
            <PathGroup path={["kpis", i, "targets"]} legend="年度ごとの目標値" errors={errors}>
              {props.years.map((y) => (
                <PathText path={["kpis", i, "targets", y]} label={`${fiscalYearLabel(Number(y))}の目標値`} value={k.targets[y] ?? ""} errors={errors} />
              ))}
            </PathGroup>
            <PathText path={["kpis", i, "note"]} label="備考（任意）" value={k.note} errors={errors} />
            <RowControls list="kpis" index={i} what={what} movable />
          </PathGroup>
        );
      })}
      <p>
        <RowButton action={rowAction("add", "kpis")} label="数値目標を追加" />
      </p>
    </PathGroup>
  );
}

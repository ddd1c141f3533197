/**
 * A correction (訂正) of a published result, shown publicly next to the
 * result: its date, its reason and what the result said before, so nothing
 * published disappears silently. The initiative page shows every correction
 * in full; the year's table shows a short mark linking to it.
 */
import { groupDigits } from "../../../core/format/number.ts";
import { warekiDateLabel } from "../../../core/format/wareki-date.ts";
import type { Kpi } from "../../plan/plan.ts";
import { japanDate } from "../domain/deadlines.ts";
import { CORRECTABLE_TEXTS, CORRECTION_LABELS, type ActualValues, type ResultCorrection } from "../domain/correction.ts";

const dayOf = (c: ResultCorrection) => warekiDateLabel(japanDate(c.correctedAt));

const actualLabel = (kpi: Kpi | undefined, a: ActualValues) =>
  a.value === null ? "未報告" : `${groupDigits(a.value)}${kpi?.unit ?? ""}${a.asOf ? `（${a.asOf}時点）` : ""}`;

/** The short values a correction replaced: the grade and KPI actuals. */
function priorValues(c: ResultCorrection, kpis: readonly Kpi[]): string[] {
  const parts: string[] = [];
  if ("grade" in c.before) parts.push(c.before.grade ?? "評価なし");
  for (const [id, before] of Object.entries(c.before.kpi ?? {})) {
    const kpi = kpis.find((k) => String(k.id) === id);
    parts.push(`${kpi ? `「${kpi.label}」の実績` : "実績"} ${actualLabel(kpi, before)}`);
  }
  return parts;
}

export function CorrectionNotes(props: { corrections?: readonly ResultCorrection[]; kpis: readonly Kpi[] }) {
  const corrections = props.corrections ?? [];
  if (corrections.length === 0) return null;
  return (
    <div class="correction-notes">
      {corrections.map((c) => {
        const prior = priorValues(c, props.kpis);
        const texts = CORRECTABLE_TEXTS.filter((f) => f in c.before);
        return (
          <div class="correction-note">
            <p>
              <strong>訂正（{dayOf(c)}）</strong>：{c.reason}
              {prior.length > 0 ? `（訂正前：${prior.join("、")}）` : null}
            </p>
            {texts.length > 0 ? (
              <ul>
                {texts.map((f) => (
                  <li>
                    訂正前の{CORRECTION_LABELS[f]}：{c.before[f] ?? "（記載なし）"}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

/** In a table cell: 「（訂正 令和8年12月6日。訂正前：B）」 for the latest correction of the grade, else of the result. */
export function CorrectionMark(props: { corrections?: readonly ResultCorrection[] }) {
  const corrections = props.corrections ?? [];
  const last = corrections[corrections.length - 1];
  if (!last) return null;
  const firstGrade = corrections.find((c) => "grade" in c.before);
  return (
    <span class="correction-mark">
      （訂正 {dayOf(last)}
      {firstGrade ? `。訂正前：${firstGrade.before.grade ?? "評価なし"}` : ""}）
    </span>
  );
}

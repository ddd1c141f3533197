/**
 * Transcription readings (読み取り): items of the plan file marked `assumed`
 * — schedule rows whose arrows were lost, the 図表2/図表5 mappings that the
 * plan does not print — each with the transcriber's note. The secretariat
 * checks each against the printed plan and confirms it (decision 019): a
 * confirmation is kept by the item's natural key with the note it confirmed,
 * and public pages then drop the neutral 「確認中」 marker. A later revision
 * that changes the note makes the reading unconfirmed again.
 */
import { warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { fiscalYearsOf, type Plan } from "../plan.ts";

export type ReadingKind = "schedule" | "priority" | "data-utilization";

export type Reading = {
  key: string;
  kind: ReadingKind;
  /** Schedule rows: their initiative; mappings: null. */
  initiativeNumber: number | null;
  /** What is read: the row's label, or the mapping's code and title. */
  label: string;
  /** For schedule rows: the phases as transcribed, e.g. 「令和4年度 実施、令和5年度 実施…」. For mappings: the initiatives. */
  reading: string;
  note: string | null;
};

/** Confirmed readings: key → the note that was confirmed. */
export type Confirmations = ReadonlyMap<string, string | null>;

export const scheduleKey = (initiativeNumber: number, label: string) => `schedule:${initiativeNumber}:${label}`;
export const priorityKey = (code: string) => `priority:${code}`;
export const dataUtilizationKey = (code: string) => `data-utilization:${code}`;

const confirmedNow = (confirmations: Confirmations, key: string, note: string | null) =>
  confirmations.has(key) && (confirmations.get(key) ?? null) === (note ?? null);

/** Every reading of the plan (assumed items), in the plan's order. */
export function readingsOf(plan: Plan): Reading[] {
  const phaseLabel = new Map(plan.phaseLegend.map((l) => [l.phase, l.label]));
  const years = fiscalYearsOf(plan);
  const readings: Reading[] = [];
  for (const initiative of plan.initiatives) {
    for (const row of initiative.schedule) {
      if (!row.assumed) continue;
      readings.push({
        key: scheduleKey(initiative.number, row.label),
        kind: "schedule",
        initiativeNumber: initiative.number,
        label: row.label,
        reading: years.map((y) => `${warekiFiscalYear(y)} ${phaseLabel.get(row.phases.get(y)!) ?? "－"}`).join("、"),
        note: row.note,
      });
    }
  }
  for (const [kind, mappings, keyOf] of [
    ["priority", plan.nationalPriorityItems, priorityKey],
    ["data-utilization", plan.dataUtilizationMeasures, dataUtilizationKey],
  ] as const) {
    for (const m of mappings) {
      if (!m.assumed) continue;
      readings.push({
        key: keyOf(m.code),
        kind,
        initiativeNumber: null,
        label: `${m.code} ${m.title}`,
        reading: m.initiativeNumbers.length > 0 ? `取組項目 ${m.initiativeNumbers.join("・")}` : "対応する取組項目なし",
        note: m.note,
      });
    }
  }
  return readings;
}

export const isConfirmed = (reading: Pick<Reading, "key" | "note">, confirmations: Confirmations) => confirmedNow(confirmations, reading.key, reading.note);

/**
 * The plan as the public sees it: confirmed readings are no longer marked
 * `assumed` (the 「確認中」 marker goes). Returns the same plan when nothing
 * is confirmed.
 */
export function withConfirmedReadings(plan: Plan, confirmations: Confirmations): Plan {
  if (confirmations.size === 0) return plan;
  return {
    ...plan,
    initiatives: plan.initiatives.map((i) =>
      i.schedule.some((r) => r.assumed && confirmedNow(confirmations, scheduleKey(i.number, r.label), r.note))
        ? { ...i, schedule: i.schedule.map((r) => (r.assumed && confirmedNow(confirmations, scheduleKey(i.number, r.label), r.note) ? { ...r, assumed: false } : r)) }
        : i,
    ),
    nationalPriorityItems: plan.nationalPriorityItems.map((m) =>
      m.assumed && confirmedNow(confirmations, priorityKey(m.code), m.note) ? { ...m, assumed: false } : m,
    ),
    dataUtilizationMeasures: plan.dataUtilizationMeasures.map((m) =>
      m.assumed && confirmedNow(confirmations, dataUtilizationKey(m.code), m.note) ? { ...m, assumed: false } : m,
    ),
  };
}

/**
 * Deadlines are days in Japan. The server may run in any time zone, so "today"
 * is computed from the instant in Japan Standard Time (UTC+9, no daylight
 * saving time): a reminder "7 days before" means 7 calendar days in Tokushima.
 */
import { warekiDateWithWestern } from "../../../core/format/wareki-date.ts";
import type { IsoDate } from "../cycle.ts";
import type { ReportState } from "./report-workflow.ts";

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function japanDate(now: Date): IsoDate {
  return new Date(now.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both days): 2024-05-24 → 2024-05-31 is 7. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A real calendar day written YYYY-MM-DD (2024-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * 2024-05-31 → 令和6年5月31日（2024年5月31日）: the 和暦 an office writes, with
 * the 西暦 beside it, in mails, the cycle pages and the printed reports alike.
 */
export function dateLabel(value: IsoDate): string {
  return warekiDateWithWestern(value);
}

/** Reports the divisions still owe: not yet submitted to the secretariat. */
export const UNSUBMITTED_STATES: readonly ReportState[] = ["draft", "head_approved", "returned"];

/** Past the day it was due and still waiting for the step that was due. */
export function isOverdue(state: ReportState, due: { reportDue: IsoDate; reviewDue: IsoDate }, today: IsoDate): boolean {
  if (UNSUBMITTED_STATES.includes(state)) return today > due.reportDue;
  if (state === "submitted") return today > due.reviewDue;
  return false;
}

/** An instant as a Japanese date and time in Japan: 2024年5月10日 10:32 */
export function japanDateTimeLabel(at: Date): string {
  const jst = new Date(at.getTime() + JST_OFFSET_MS).toISOString();
  const [y, m, d] = jst.slice(0, 10).split("-").map(Number);
  return `${y}年${m}月${d}日 ${jst.slice(11, 16)}`;
}

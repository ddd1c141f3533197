/**
 * One value of an audit record as a reader would write it. Pure: the names
 * of the rows a value points at (a KPI, a division, a user) come in
 * `AuditNames`, loaded for the page by repository/audit-names.ts.
 *
 *   kpiActuals [{kpiId:28,value:"45",…}] → 数値目標「電子申請の件数」：実績 45（件）
 *   state "head_approved"                → 課長承認済み
 *   "2025-03-31"                         → 令和7年3月31日（2025年3月31日）
 *   true / false / null                  → はい / いいえ / （なし）
 *
 * A key this file does not know is still shown in words: objects as
 * 「名称：値」 pairs, lists joined by 「、」 — never as JSON.
 */
import { fiscalYearLabel, periodLabel } from "../../../core/format/fiscal-year.ts";
import { groupDigits } from "../../../core/format/number.ts";
import { warekiDateWithWestern } from "../../../core/format/wareki-date.ts";
import { ROLE_LABELS, isRole } from "../../tenancy/roles.ts";
import { STATE_LABELS, type ReportState } from "../../cycle/domain/report-workflow.ts";
import { fieldLabel, VALUE_LABELS } from "./field-labels.ts";
import { actionLabel, entityTypeLabel } from "./labels.ts";

/** What the rows named by id in audit records are called; keyed by id as text. */
export type AuditNames = {
  reports: ReadonlyMap<string, { initiativeNumber: number; fiscalYear: number }>;
  users: ReadonlyMap<string, { loginId: string; divisionName: string | null }>;
  revisions: ReadonlyMap<string, { number: number; status: string }>;
  plans: ReadonlyMap<string, { title: string }>;
  initiatives: ReadonlyMap<string, { number: number; title: string }>;
  kpis: ReadonlyMap<string, { code: string | null; label: string; unit: string }>;
  cycles: ReadonlyMap<string, { fiscalYear: number }>;
  divisions: ReadonlyMap<string, string>;
  bureaus: ReadonlyMap<string, string>;
};

export const NO_NAMES: AuditNames = {
  reports: new Map(),
  users: new Map(),
  revisions: new Map(),
  plans: new Map(),
  initiatives: new Map(),
  kpis: new Map(),
  cycles: new Map(),
  divisions: new Map(),
  bureaus: new Map(),
};

/** "No value" in words, distinct from 0 and from an empty text. */
export const NONE = "（なし）";
/** A long list (a draft's changes) shows this many lines and then says how many more. */
export const MAX_LINES = 12;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const TIME = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit", hour12: false });
const DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" });

/** 令和7年4月1日（2025年4月1日）9:30 — an instant in Japan time. */
export function instantText(at: Date): string {
  return `${warekiDateWithWestern(DAY.format(at))} ${TIME.format(at)}`;
}

export const kpiName = (id: string, names: AuditNames) => {
  const kpi = names.kpis.get(id);
  return kpi ? `数値目標「${kpi.code ? `${kpi.code} ` : ""}${kpi.label}」` : `数値目標（番号 ${id}）`;
};

export const divisionName = (id: unknown, names: AuditNames) =>
  id === null || id === undefined ? NONE : (names.divisions.get(String(id)) ?? `課（番号 ${String(id)}）`);

/** A KPI actual as reported: 実績 45（件）、時点 令和7年3月31日（2025年3月31日）、出典 … */
function actualText(id: string, actual: unknown, names: AuditNames): string {
  const unit = names.kpis.get(id)?.unit;
  const a = isObject(actual) ? actual : {};
  const value = typeof a.value === "string" ? `${groupDigits(a.value)}${unit ? `（${unit}）` : ""}` : NONE;
  const parts = [`実績 ${value}`];
  if (typeof a.asOf === "string") parts.push(`時点 ${warekiDateWithWestern(a.asOf)}`);
  if (typeof a.source === "string" && a.source !== "") parts.push(`出典 ${a.source}`);
  return `${kpiName(id, names)}：${parts.join("、")}`;
}

/** Describers for keys whose values need a name, a label or a shape of their own. */
const BY_KEY: Record<string, (value: unknown, names: AuditNames) => string | undefined> = {
  state: (v) => (typeof v === "string" ? (STATE_LABELS[v as ReportState] ?? v) : undefined),
  roles: (v) => (Array.isArray(v) ? (v.length === 0 ? NONE : v.map((r) => (typeof r === "string" && isRole(r) ? ROLE_LABELS[r] : String(r))).join("、")) : undefined),
  kpiActuals: (v, names) =>
    Array.isArray(v) ? lines(v.map((a) => actualText(String(isObject(a) ? a.kpiId : ""), a, names))) : undefined,
  kpi: (v, names) => (isObject(v) ? lines(Object.entries(v).map(([id, a]) => actualText(id, a, names))) : undefined),
  leadDivisionId: (v, names) => divisionName(v, names),
  divisionId: (v, names) => divisionName(v, names),
  divisionIds: (v, names) => (Array.isArray(v) ? (v.length === 0 ? NONE : v.map((id) => divisionName(id, names)).join("、")) : undefined),
  division: (v) => (isObject(v) && typeof v.name === "string" ? v.name : undefined),
  fiscalYear: (v) => (typeof v === "number" ? fiscalYearLabel(v) : undefined),
  period: (v) => (isObject(v) && typeof v.startFiscalYear === "number" && typeof v.endFiscalYear === "number" ? periodLabel(v.startFiscalYear, v.endFiscalYear) : undefined),
  planId: (v, names) => (typeof v === "number" ? (names.plans.has(String(v)) ? `「${names.plans.get(String(v))!.title}」` : `計画（番号 ${v}）`) : undefined),
  reports: (v) => (Array.isArray(v) ? v.map((n) => `取組項目${String(n)}`).join("、") : typeof v === "number" ? `${v}件` : undefined),
  published: (v) => (Array.isArray(v) ? `${v.length}件` : undefined),
  number: (v) => (typeof v === "number" ? `第${v}版` : undefined),
  revisionNumber: (v) => (typeof v === "number" ? `第${v}版` : undefined),
  publishedNumber: (v) => (typeof v === "number" ? `第${v}版` : undefined),
  copiedFrom: (v) => (typeof v === "number" ? `第${v}版` : undefined),
  daysBefore: (v) => (typeof v === "number" ? `${v}日前` : undefined),
  changes: (v) => (Array.isArray(v) ? (v.length === 0 ? NONE : lines(v.map(planChangeText))) : undefined),
  counts: (v) => (isObject(v) ? Object.entries(v).map(([k, n]) => `${fieldLabel(k)} ${String(n)}件`).join("、") : undefined),
  confirmed: (v) =>
    Array.isArray(v) ? lines(v.map((r) => (isObject(r) ? `${String(r.key)}${typeof r.note === "string" ? `（${r.note}）` : ""}` : String(r)))) : undefined,
  action: (v) => (typeof v === "string" ? actionLabel(v.replace(/\.$/, "")) : undefined),
  entityType: (v) => (typeof v === "string" ? entityTypeLabel(v) : undefined),
  actor: (v, names) => (v === "none" ? "アカウントなし" : typeof v === "number" ? userName(String(v), names) : undefined),
};

/** A change of a draft, as the preview words it: 取組項目12・数値目標「…」の令和7年度の目標値：160件 → 170件 */
function planChangeText(change: unknown): string {
  if (!isObject(change)) return describeValue("", change);
  const section = isObject(change.section) && typeof change.section.label === "string" ? change.section.label : "";
  const what = [section, typeof change.subject === "string" ? change.subject : ""].filter((s) => s !== "").join("・");
  const field = typeof change.field === "string" ? `の${change.field}` : "";
  if (change.kind === "added") return `${what}${field}を追加：${String(change.after ?? NONE)}`;
  if (change.kind === "removed") return `${what}${field}を削除：${String(change.before ?? NONE)}`;
  return `${what}${field}：${String(change.before ?? NONE)} → ${String(change.after ?? NONE)}`;
}

export function userName(id: string, names: AuditNames): string {
  const user = names.users.get(id);
  if (!user) return `利用者（番号 ${id}）`;
  return `利用者 ${user.loginId}${user.divisionName ? `（${user.divisionName}）` : ""}`;
}

/** The value under `key`, in words. */
export function describeValue(key: string, value: unknown, names: AuditNames = NO_NAMES): string {
  if (value === null || value === undefined) return NONE;
  const special = BY_KEY[key]?.(value, names);
  if (special !== undefined) return special;
  const coded = VALUE_LABELS[key];
  if (coded && typeof value === "string" && coded[value]) return coded[value]!;
  return plain(value, names);
}

function plain(value: unknown, names: AuditNames): string {
  if (value === null || value === undefined) return NONE;
  if (typeof value === "boolean") return value ? "はい" : "いいえ";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if (DATE.test(value)) return warekiDateWithWestern(value);
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return instantText(new Date(value));
    return value === "" ? "（空欄）" : value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return NONE;
    const items = value.map((v) => plain(v, names));
    return value.some(isObject) ? lines(items) : items.join("、");
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return NONE;
    return entries.map(([k, v]) => `${fieldLabel(k)}：${describeValue(k, v, names)}`).join("、");
  }
  return String(value);
}

/** Items one per line; a long list is cut with the number left out. */
function lines(items: string[]): string {
  if (items.length === 0) return NONE;
  const shown = items.slice(0, MAX_LINES);
  const rest = items.length - shown.length;
  return [...shown, ...(rest > 0 ? [`ほか${rest}件（全体はCSVで確認できます）`] : [])].join("\n");
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

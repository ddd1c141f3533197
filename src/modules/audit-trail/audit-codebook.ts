/**
 * The audit CSV's codebook (rules L3-02, L3-08), in the open data codebooks'
 * style (opendata/codebook.ts): the columns with their definitions, and the
 * code tables for the coded values — the action and entity type columns,
 * and inside before_json / after_json the keys, report states, roles and
 * reasons. The CSV keeps these codes; the page and codebook.csv say what
 * they mean, from the same label tables the audit log page uses.
 */
import { ROLE_LABELS, ROLES } from "../tenancy/roles.ts";
import { REPORT_STATES, STATE_LABELS } from "../cycle/domain/report-workflow.ts";
import type { Column, Row } from "../../core/tables/table.ts";
import { LG_CODE } from "../opendata/dataset.ts";
import { AUDIT_CSV_BLANKS, AUDIT_CSV_COLUMNS } from "./audit-csv.ts";
import { FIELD_LABELS, VALUE_LABELS } from "./domain/field-labels.ts";
import { ACTION_LABELS, ENTITY_TYPE_LABELS } from "./domain/labels.ts";

export type AuditCode = { code: string; label: string };
export type AuditCodeTable = { id: string; label: string; usedIn: string; codes: AuditCode[] };

const entries = (labels: Readonly<Record<string, string>>): AuditCode[] => Object.entries(labels).map(([code, label]) => ({ code, label }));

export const AUDIT_CODE_TABLES: readonly AuditCodeTable[] = [
  { id: "action", label: "操作", usedIn: "action 列", codes: entries(ACTION_LABELS) },
  { id: "entity_type", label: "対象の種類", usedIn: "entity_type 列", codes: entries(ENTITY_TYPE_LABELS) },
  { id: "field", label: "変更前・変更後の項目", usedIn: "before_json・after_json のキー", codes: entries(FIELD_LABELS) },
  {
    id: "report_state",
    label: "報告の状態",
    usedIn: "before_json・after_json の state の値",
    codes: REPORT_STATES.map((s) => ({ code: s, label: STATE_LABELS[s] })),
  },
  { id: "role", label: "役割", usedIn: "before_json・after_json の roles の値", codes: ROLES.map((r) => ({ code: r, label: ROLE_LABELS[r] })) },
  { id: "reason", label: "失敗の理由", usedIn: "after_json の reason の値（サインイン等の失敗）", codes: entries(VALUE_LABELS.reason ?? {}) },
];

/** Which code table a column's values come from. */
export const COLUMN_CODES: Readonly<Record<string, string>> = { action: "action", entity_type: "entity_type" };

/** What an empty field means, for every column (rule L1-09: blank is not 0). */
export const blankMeaning = (column: Column) => AUDIT_CSV_BLANKS[column.name] ?? "（空欄なし）";

/** codebook.csv: one row per column, then one per code of each table, in one table (rule L1-02). */
export const AUDIT_CODEBOOK_COLUMNS: Column[] = [
  LG_CODE,
  { name: "kind", label: "種別", definition: "column（CSVの列）または code（コード表のコード）。", type: "string" },
  { name: "code_table", label: "コード表ID", definition: "コードが属するコード表（action、entity_type、field、report_state、role、reason）。列の行では、その列の値が従うコード表。", type: "string", nullable: true },
  { name: "code", label: "列名またはコード", definition: "CSVの1行目の項目名、またはコードの値。", type: "string" },
  { name: "label", label: "名称", definition: "列またはコードの日本語の名称。", type: "string" },
  { name: "definition", label: "定義", definition: "列の値の定義。コードの行では空欄。", type: "string", nullable: true },
  { name: "blank_meaning", label: "空欄の意味", definition: "列が空欄のときの意味。コードの行では空欄。", type: "string", nullable: true },
];

export function auditCodebookRows(lgCode: string): Row[] {
  const columns: Row[] = AUDIT_CSV_COLUMNS.map((c) => ({
    lg_code: lgCode,
    kind: "column",
    code_table: COLUMN_CODES[c.name] ?? null,
    code: c.name,
    label: c.label,
    definition: c.definition,
    blank_meaning: blankMeaning(c),
  }));
  const codes: Row[] = AUDIT_CODE_TABLES.flatMap((t) =>
    t.codes.map((code) => ({ lg_code: lgCode, kind: "code", code_table: t.id, code: code.code, label: code.label, definition: null, blank_meaning: null })),
  );
  return [...columns, ...codes];
}

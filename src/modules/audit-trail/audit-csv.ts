/**
 * The audit log as CSV, following the Digital Agency's machine-readability
 * rules through the open data encoder (core/tables/csv.ts): UTF-8 with BOM,
 * CRLF, the header first, one table, alphanumeric column names, the
 * municipality's code in every row, an empty field for "no value" (never 0).
 * The same encoder keeps text cells from running as formulas when the file
 * is opened in a spreadsheet: a staff name or a changed value beginning with
 * =, +, -, @ gets a leading apostrophe (core/format/csv-cell.ts, decision
 * 015), while audit ids and user numbers stay bare numbers.
 *
 * The file is written in batches as it is sent, so an export of many
 * thousands of records never sits whole in memory as rows.
 */
import type { AuditRow } from "../../core/audit/audit-repository.ts";
import type { Queryable } from "../../core/db/database.ts";
import { encodeCsv } from "../../core/tables/csv.ts";
import type { Column, Row } from "../../core/tables/table.ts";
import { redactSecrets } from "./domain/changed-values.ts";
import { japanIso } from "./domain/japan-time.ts";
import { actionLabel } from "./domain/labels.ts";
import { searchAudit, type AuditSearch } from "./repository/audit-queries.ts";

/** More than this is refused: the person is asked to narrow the period. */
export const MAX_EXPORT_ROWS = 100_000;
const BATCH = 1_000;

export const AUDIT_CSV_COLUMNS: Column[] = [
  { name: "lg_code", label: "全国地方公共団体コード", definition: "記録した地方公共団体の6桁のコード", type: "string" },
  { name: "audit_id", label: "記録番号", definition: "監査ログの通し番号。記録した順に大きくなる", type: "integer" },
  { name: "occurred_at", label: "日時", definition: "記録した日時（ISO 8601、日本時間 +09:00）", type: "date" },
  { name: "actor_user_id", label: "実施者の利用者番号", definition: "実施した職員の利用者番号", type: "integer", nullable: true },
  { name: "actor_label", label: "実施者", definition: "実施した職員の氏名とログインID。アカウントのない実施者（システム、未認証のサインイン）はその旨", type: "string" },
  { name: "action", label: "操作コード", definition: "操作の種類を表すコード（例: auth.sign_in）。意味はコードブックのコード表 action", type: "string" },
  { name: "action_label", label: "操作", definition: "操作の種類の日本語の名称", type: "string" },
  { name: "entity_type", label: "対象の種類", definition: "操作の対象の種類を表すコード（例: app_user）。意味はコードブックのコード表 entity_type", type: "string" },
  { name: "entity_id", label: "対象の番号", definition: "操作の対象の番号", type: "string", nullable: true },
  { name: "before_json", label: "変更前", definition: "変更前の値（JSON）。キーの意味はコード表 field、state の値は report_state、roles の値は role", type: "string", nullable: true },
  { name: "after_json", label: "変更後", definition: "変更後の値（JSON）。キーの意味はコード表 field、state の値は report_state、roles の値は role、reason の値は reason", type: "string", nullable: true },
  { name: "ip", label: "接続元IPアドレス", definition: "操作の要求を送った接続元のIPアドレス", type: "string", nullable: true },
];

/** What an empty field means in each nullable column (rule L1-09: blank is not 0). */
export const AUDIT_CSV_BLANKS: Record<string, string> = {
  actor_user_id: "アカウントのない実施者",
  entity_id: "対象が特定されない操作",
  before_json: "変更前の値の記録なし",
  after_json: "変更後の値の記録なし",
  ip: "接続元の記録なし",
};

export function auditCsvRow(lgCode: string, row: AuditRow): Row {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(redactSecrets(value)));
  return {
    lg_code: lgCode,
    audit_id: row.id,
    occurred_at: japanIso(row.at),
    actor_user_id: row.actorUserId,
    actor_label: row.actorLabel,
    action: row.action,
    action_label: actionLabel(row.action),
    entity_type: row.entityType,
    entity_id: row.entityId,
    before_json: json(row.before),
    after_json: json(row.after),
    ip: row.ip,
  };
}

// encodeCsv writes whole files; a batch is such a file without its BOM and header line.
const HEAD = encodeCsv(AUDIT_CSV_COLUMNS, []);
const records = (rows: Row[]) => encodeCsv(AUDIT_CSV_COLUMNS, rows).slice(HEAD.length);

/**
 * The CSV of every record matching `search` (give it an `upTo`), newest
 * first, read in keyset batches while it is sent.
 */
export function auditCsvStream(db: Queryable, lgCode: string, search: AuditSearch): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: number | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(HEAD));
        return;
      }
      const rows = await searchAudit(db, { ...search, before: cursor }, BATCH);
      if (rows.length > 0) {
        cursor = rows.at(-1)!.id;
        controller.enqueue(encoder.encode(records(rows.map((r) => auditCsvRow(lgCode, r)))));
      }
      if (rows.length < BATCH) controller.close();
    },
  });
}

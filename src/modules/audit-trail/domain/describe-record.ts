/**
 * An audit record for people: what it was about, in words
 * (「取組項目12・令和6年度の報告」, 「利用者 yamada（デジタル推進課）」,
 * 「第2版の下書き」), and each changed value under its Japanese name. The
 * audit log page and an initiative's history both use this; the CSV keeps
 * the record's codes and JSON (audit-csv.ts). Pure.
 */
import type { AuditRow } from "../../../core/audit/audit-repository.ts";
import { warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { ABSENT, changedEntries, MAX_VALUE_LENGTH } from "./changed-values.ts";
import { describeValue, isObject, kpiName, NO_NAMES, userName, type AuditNames } from "./describe-values.ts";
import { fieldLabel, VALUE_LABELS } from "./field-labels.ts";
import { entityTypeLabel } from "./labels.ts";

export type DescribedChange = {
  /** The value's name: 報告の状態, 数値目標の実績 … ("値" for a record that is not a set of named values). */
  label: string;
  /** In words; null where the record has nothing on that side (not the same as a recorded 「（なし）」). */
  before: string | null;
  after: string | null;
};

export type DescribedRecord = { target: string; changes: DescribedChange[] };

type RecordLike = Pick<AuditRow, "entityType" | "entityId" | "before" | "after">;

export function describeRecord(row: RecordLike, names: AuditNames = NO_NAMES): DescribedRecord {
  return {
    target: describeTarget(row, names),
    changes: changedEntries(row.before, row.after)
      // A change record (it has a before) whose after adds a key only to say "null" (a transition without a comment) changed nothing.
      .filter((c) => !(c.before === ABSENT && c.after === null && isObject(row.before)))
      .map((c) => ({
        label: c.key === "" ? "値" : fieldLabel(c.key),
        before: c.before === ABSENT ? null : cut(describeValue(c.key, c.before, names)),
        after: c.after === ABSENT ? null : cut(describeValue(c.key, c.after, names)),
      })),
  };
}

/** What the record is about, in words; a row that no longer exists is named from the record itself. */
export function describeTarget(row: RecordLike, names: AuditNames = NO_NAMES): string {
  const id = row.entityId;
  if (id === null) return entityTypeLabel(row.entityType);
  const recorded = (key: string): unknown => (isObject(row.before) && key in row.before ? row.before[key] : isObject(row.after) ? row.after[key] : undefined);
  switch (row.entityType) {
    case "initiative_report": {
      const report = names.reports.get(id);
      return report ? `取組項目${report.initiativeNumber}・${warekiFiscalYear(report.fiscalYear)}の報告` : `報告（番号 ${id}）`;
    }
    case "app_user":
      return userName(id, names);
    case "plan_revision": {
      const revision = names.revisions.get(id);
      if (revision) return revision.status === "draft" ? `第${revision.number}版の下書き` : `第${revision.number}版`;
      const number = recorded("number");
      return typeof number === "number" ? `第${number}版の下書き（破棄済み）` : `計画の版（番号 ${id}）`;
    }
    case "plan": {
      const plan = names.plans.get(id);
      return plan ? `計画「${plan.title}」` : `計画（番号 ${id}）`;
    }
    case "initiative": {
      const initiative = names.initiatives.get(id);
      return initiative ? `取組項目${initiative.number}「${initiative.title}」` : `取組項目（番号 ${id}）`;
    }
    case "kpi":
      return kpiName(id, names);
    case "evaluation_cycle": {
      const cycle = names.cycles.get(id);
      return cycle ? `${warekiFiscalYear(cycle.fiscalYear)}の自己評価` : `自己評価の年度（番号 ${id}）`;
    }
    case "division":
    case "bureau": {
      const name = (row.entityType === "division" ? names.divisions : names.bureaus).get(id) ?? recorded("name");
      return typeof name === "string" ? `${entityTypeLabel(row.entityType)}「${name}」` : `${entityTypeLabel(row.entityType)}（番号 ${id}）`;
    }
    case "municipality":
    case "municipality_profile":
    case "audit_log":
      return entityTypeLabel(row.entityType);
    case "job": {
      const kind = recorded("kind");
      const document = typeof kind === "string" ? VALUE_LABELS.kind?.[kind] : undefined;
      return document ? `${document}の作成（処理番号 ${id}）` : `${entityTypeLabel(row.entityType)}（番号 ${id}）`;
    }
    default:
      return `${entityTypeLabel(row.entityType)}（番号 ${id}）`;
  }
}

/** Long values (a report's whole text) are cut on the page; the CSV keeps them whole. */
function cut(text: string): string {
  const chars = [...text];
  return chars.length > MAX_VALUE_LENGTH * 3 ? `${chars.slice(0, MAX_VALUE_LENGTH * 3).join("")}…（以下省略）` : text;
}

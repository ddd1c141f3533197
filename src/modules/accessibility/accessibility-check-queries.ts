/**
 * All SQL of the accessibility module: the recorded results of the automated
 * check (table accessibility_check), written by the check command and read by
 * the accessibility policy page.
 */
import type { Queryable } from "../../core/db/database.ts";

/** One axe rule broken on one page, kept as jsonb in accessibility_check.details. */
export type RecordedViolation = {
  url: string;
  rule: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  /** CSS selectors of the offending elements. */
  targets: string[];
};

export type AccessibilityCheck = {
  checkedAt: Date;
  /** e.g. "axe-core 4.14.1" */
  tool: string;
  standard: string;
  pagesChecked: number;
  /** Rule violations summed over the pages (one rule broken on two pages counts 2). */
  violations: number;
  details: RecordedViolation[];
};

type CheckRow = {
  checked_at: Date | string;
  tool: string;
  standard: string;
  pages_checked: number;
  violations: number;
  details: RecordedViolation[];
};

export async function latestAccessibilityCheck(db: Queryable): Promise<AccessibilityCheck | undefined> {
  const [row] = await db.query<CheckRow>(
    `select checked_at, tool, standard, pages_checked, violations, details
       from accessibility_check
      order by checked_at desc, id desc
      limit 1`,
  );
  return row && toCheck(row);
}

/** Records one run of the check; checked_at is the database's now(). Returns the row as stored. */
export async function insertAccessibilityCheck(
  db: Queryable,
  check: Omit<AccessibilityCheck, "checkedAt">,
): Promise<AccessibilityCheck> {
  const [row] = await db.query<CheckRow>(
    `insert into accessibility_check (tool, standard, pages_checked, violations, details)
     values ($1, $2, $3, $4, $5::jsonb)
     returning checked_at, tool, standard, pages_checked, violations, details`,
    [check.tool, check.standard, check.pagesChecked, check.violations, JSON.stringify(check.details)],
  );
  return toCheck(row!);
}

function toCheck(row: CheckRow): AccessibilityCheck {
  return {
    checkedAt: new Date(row.checked_at),
    tool: row.tool,
    standard: row.standard,
    pagesChecked: row.pages_checked,
    violations: row.violations,
    details: row.details,
  };
}

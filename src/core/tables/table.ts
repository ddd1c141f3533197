/**
 * A flat table described column by column: what the open datasets, the
 * survey's downloadable tables and the audit CSV are written from, so one
 * CSV writer (csv.ts) serves them all under the machine-readability rules.
 */
/**
 * Column types as a program reads them. "decimal" values are the plan's
 * decimal strings exactly as stored ("38.0" keeps its scale), never floats.
 */
export type ColumnType = "string" | "integer" | "decimal" | "boolean" | "date";

/** Code tables (rule L3-02) that a coded column refers to; see opendata/code-tables.ts. */
export type CodeTableId =
  | "phase"
  | "direction"
  | "grade"
  | "division_kind"
  | "division_role"
  | "text_kind"
  | "glossary_section"
  | "boolean";

export type Column = {
  /** Alphanumeric snake_case, unique within the dataset (rules L2-03, L3-08). */
  name: string;
  label: string;
  definition: string;
  type: ColumnType;
  /** The unit of a numeric column; for per-row units, a pointer to the unit column. */
  unit?: string;
  /** Nullable columns say what an empty value means, so blank is never mistaken for 0. */
  nullable?: boolean;
  codes?: CodeTableId;
};

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

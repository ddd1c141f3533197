/**
 * Helpers for the open data tests: a strict RFC 4180 reader that also
 * reports which fields were quoted (a quoted "" is an empty text, a bare
 * empty field is "no value"), and fetching a CSV as bytes so the BOM is seen
 * (Response.text() would silently drop it); and a factory of yearly reports
 * in given states, for the result datasets.
 */
import { expect } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { markPublicContentChanged } from "../../src/modules/tenancy/repository/municipality-queries.ts";

export type CsvField = { value: string; quoted: boolean };

/** Parses CSV text (without BOM). Records end in CRLF; a bare CR or LF outside quotes is an error. */
export function parseCsv(text: string): CsvField[][] {
  const records: CsvField[][] = [];
  let record: CsvField[] = [];
  let i = 0;
  const endField = (field: CsvField) => record.push(field);
  while (i < text.length) {
    let field: CsvField;
    if (text[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      field = { value, quoted: true };
    } else {
      let value = "";
      while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
        if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        value += text[i++];
      }
      field = { value, quoted: false };
    }
    endField(field);
    if (text[i] === ",") {
      i++;
      if (i === text.length) throw new Error("record ends with a comma");
      continue;
    }
    if (text.startsWith("\r\n", i)) {
      records.push(record);
      record = [];
      i += 2;
      continue;
    }
    if (i < text.length) throw new Error(`bare line break or stray character at ${i}: ${JSON.stringify(text.slice(i, i + 10))}`);
  }
  if (record.length > 0) throw new Error("last record is not terminated by CRLF");
  return records;
}

export type CsvFile = { bytes: Uint8Array; text: string; header: string[]; rows: CsvField[][]; response: Response };

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

export async function fetchCsv(app: Requester, path: string): Promise<CsvFile> {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const decoded = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(bytes);
  const text = decoded.startsWith("\uFEFF") ? decoded.slice(1) : decoded;
  const [header, ...rows] = parseCsv(text);
  return { bytes, text, header: (header ?? []).map((f) => f.value), rows, response };
}

/** The rows as objects by column name; a bare empty field becomes null. */
export function records(file: Pick<CsvFile, "header" | "rows">): Record<string, string | null>[] {
  return file.rows.map((row) =>
    Object.fromEntries(file.header.map((name, i) => [name, row[i]!.value === "" && !row[i]!.quoted ? null : row[i]!.value])),
  );
}

export type SeedReport = {
  initiative: number;
  state: "draft" | "head_approved" | "submitted" | "returned" | "in_review" | "finalised" | "published";
  selfGrade?: "S" | "A" | "B" | "C";
  cioGrade?: "S" | "A" | "B" | "C";
  cioGradeReason?: string;
  /** By KPI position within the initiative; value null = reported as "no value". */
  actuals?: { kpi: number; value: string | null; asOf?: string; source?: string }[];
  /** When a published report was published (its publish event). */
  publishedAt?: Date;
};

/**
 * Test factory: a cycle of `fiscalYear` of the municipality's current plan
 * holding reports in the given states, written as rows (the workflow's own
 * tests drive the commands step by step; here only the states matter).
 * Returns the cycle's id.
 */
export async function seedReports(db: Database, lgCode: string, fiscalYear: number, reports: SeedReport[]): Promise<number> {
  const [where] = await db.query<{ municipality_id: number; plan_id: number }>(
    "select m.id as municipality_id, p.id as plan_id from municipality m join plan p on p.municipality_id = m.id and p.is_current where m.lg_code = $1",
    [lgCode],
  );
  if (!where) throw new Error(`no current plan in ${lgCode}`);
  const existing = await db.query<{ id: number }>("select id from evaluation_cycle where plan_id = $1 and fiscal_year = $2", [where.plan_id, fiscalYear]);
  const cycleId =
    existing[0]?.id ??
    (
      await db.query<{ id: number }>(
        `insert into evaluation_cycle (municipality_id, plan_id, fiscal_year, opened_by_label, report_due, review_due, committee_due)
         values ($1, $2, $3, 'テスト', $4, $5, $6) returning id`,
        [where.municipality_id, where.plan_id, fiscalYear, `${fiscalYear + 1}-05-31`, `${fiscalYear + 1}-06-14`, `${fiscalYear + 1}-06-28`],
      )
    )[0]!.id;
  for (const r of reports) {
    const [initiative] = await db.query<{ id: number }>("select id from initiative where plan_id = $1 and number = $2", [where.plan_id, r.initiative]);
    const weak = r.selfGrade === "B" || r.selfGrade === "C";
    const [report] = await db.query<{ id: number }>(
      `insert into initiative_report (cycle_id, initiative_id, state, self_grade, grade_reasons, issues, improvement_measures, cio_grade, cio_grade_reason)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        cycleId,
        initiative!.id,
        r.state,
        r.selfGrade ?? null,
        r.selfGrade ? "テストの評価理由" : null,
        weak ? "テストの課題" : null,
        weak ? "テストの改善策" : null,
        r.cioGrade ?? null,
        r.cioGrade ? (r.cioGradeReason ?? "テストの変更理由") : null,
      ],
    );
    for (const a of r.actuals ?? []) {
      const [kpi] = await db.query<{ id: number }>("select id from kpi where initiative_id = $1 and position = $2", [initiative!.id, a.kpi]);
      await db.query("insert into report_kpi_actual (report_id, kpi_id, actual_value, as_of, source) values ($1, $2, $3, $4, $5)", [
        report!.id,
        kpi!.id,
        a.value,
        a.value === null ? null : (a.asOf ?? `${fiscalYear + 1}-03-31`),
        a.value === null ? null : (a.source ?? "テストの出典"),
      ]);
    }
    if (r.state === "published") {
      await db.query(
        `insert into report_event (report_id, action, from_state, to_state, actor_label, actor_role, at)
         values ($1, 'publish', 'finalised', 'published', 'テスト', 'secretariat', $2)`,
        [report!.id, r.publishedAt ?? new Date()],
      );
    }
  }
  await markPublicContentChanged(db, where.municipality_id);
  return cycleId;
}

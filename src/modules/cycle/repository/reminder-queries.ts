/** What the deadline reminders need: each division's unsubmitted reports of a cycle, and the municipality. */
import type { Queryable } from "../../../core/db/database.ts";
import type { Municipality } from "../../tenancy/municipality.ts";
import type { ReportState } from "../domain/report-workflow.ts";

export type OwedReport = { divisionId: number; initiativeNumber: number; initiativeTitle: string; state: ReportState };

export async function listOwedReports(db: Queryable, cycleId: number, states: readonly ReportState[]): Promise<OwedReport[]> {
  const rows = await db.query<{ lead_division_id: number; number: number; title: string; state: ReportState }>(
    `select r.lead_division_id, i.number, i.title, r.state from initiative_report r
       join initiative i on i.id = r.initiative_id
      where r.cycle_id = $1 and r.state = any($2::text[]) and r.lead_division_id is not null
      order by r.lead_division_id, i.number`,
    [cycleId, states],
  );
  return rows.map((r) => ({ divisionId: r.lead_division_id, initiativeNumber: r.number, initiativeTitle: r.title, state: r.state }));
}

export async function findMunicipalityById(db: Queryable, id: number): Promise<Pick<Municipality, "id" | "lgCode" | "name"> | undefined> {
  const [row] = await db.query<{ id: number; lg_code: string; name: string }>("select id, lg_code, name from municipality where id = $1", [id]);
  return row && { id: row.id, lgCode: row.lg_code, name: row.name };
}

/**
 * Initiatives and KPIs that yearly reports refer to cannot leave the plan:
 * their reports are the record of what the city did. Before a revision or an
 * import removes anything, this finds what would be removed yet is reported
 * on, so the command refuses with a message instead of failing on the
 * database's foreign keys.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { PlanFile } from "../plan-file-schema.ts";

export type ReportedRemoval = { kind: "initiative" | "kpi"; initiativeNumber: number; label: string };

export async function findReportedRemovals(tx: Queryable, planId: number, next: PlanFile): Promise<ReportedRemoval[]> {
  const keptNumbers = next.initiatives.map((i) => i.number);
  // KPIs are matched as the synchronisation matches them: initiative number and code, or label when unnumbered.
  const keptKpis = next.initiatives.flatMap((i) => i.kpis.map((k) => `${i.number}|${k.code ?? k.label}`));
  const initiatives = await tx.query<{ number: number; title: string }>(
    `select i.number, i.title from initiative i
      where i.plan_id = $1 and i.number <> all($2::int[])
        and exists (select 1 from initiative_report r where r.initiative_id = i.id)
      order by i.number`,
    [planId, keptNumbers],
  );
  const kpis = await tx.query<{ number: number; label: string }>(
    `select i.number, k.label from kpi k join initiative i on i.id = k.initiative_id
      where i.plan_id = $1 and i.number = any($2::int[])
        and (i.number::text || '|' || coalesce(k.code, k.label)) <> all($3::text[])
        and exists (select 1 from report_kpi_actual a where a.kpi_id = k.id)
      order by i.number, k.position`,
    [planId, keptNumbers, keptKpis],
  );
  return [
    ...initiatives.map((r) => ({ kind: "initiative" as const, initiativeNumber: r.number, label: r.title })),
    ...kpis.map((r) => ({ kind: "kpi" as const, initiativeNumber: r.number, label: r.label })),
  ];
}

export function describeReportedRemovals(removals: ReportedRemoval[]): string {
  const items = removals.map((r) =>
    r.kind === "initiative" ? `取組項目${r.initiativeNumber}「${r.label}」` : `取組項目${r.initiativeNumber}の数値目標「${r.label}」`,
  );
  return `${items.join("、")}には自己評価の報告があるため、計画から削除できません。名称や内容の変更で対応してください`;
}

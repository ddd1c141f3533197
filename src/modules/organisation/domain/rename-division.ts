/**
 * A division renamed in the registry (機構改革) is renamed in the open drafts
 * too: a draft names divisions by name, and publishing one that still had the
 * old name would bring the old division back as a new row. Published
 * revisions are history and keep the name they had.
 */
import type { PlanFile } from "../../plan/plan-file-schema.ts";

/** The plan with every responsible division `from` named `to`; undefined when it names no such division. */
export function renameDivisionInPlan(plan: PlanFile, from: string, to: string): PlanFile | undefined {
  let changed = false;
  const initiatives = plan.initiatives.map((item) => ({
    ...item,
    divisions: item.divisions.map((d) => {
      if (d.kind !== "division" || d.name !== from) return d;
      changed = true;
      return { ...d, name: to };
    }),
  }));
  return changed ? { ...plan, initiatives } : undefined;
}

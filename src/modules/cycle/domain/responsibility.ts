/**
 * Which divisions answer for an initiative's report. The plan lists
 * responsible divisions in order; the first is the lead (it writes and
 * submits the report), the others contribute inside it. Collectives are
 * resolved to divisions: 「関係各課」「各システム担当課」 by the members the
 * secretariat set, 「全部局」 as every division of the municipality.
 *
 * When the first entry is a collective, no single division is named first,
 * so the secretariat designates the lead; until it does, the first listed
 * division is the lead (the default stored when a cycle opens).
 */
import type { CollectiveKind, Initiative } from "../../plan/plan.ts";

export type ResolvableCollective = Exclude<CollectiveKind, "all_bureaus">;

/** Members of an initiative's collectives, as set by the secretariat. */
export type CollectiveMembers = ReadonlyMap<ResolvableCollective, readonly number[]>;

/** Every responsible division of the initiative, in the plan's order, without repeats. */
export function responsibleDivisionIds(
  initiative: Pick<Initiative, "divisions">,
  members: CollectiveMembers,
  allDivisionIds: readonly number[],
): number[] {
  const ids: number[] = [];
  for (const d of initiative.divisions) {
    if (d.kind === "division") ids.push(d.divisionId);
    else if (d.kind === "all_bureaus") ids.push(...allDivisionIds);
    else ids.push(...(members.get(d.kind) ?? []));
  }
  return [...new Set(ids)];
}

/** The lead stored when a cycle opens: the first listed division (kind division), or none. */
export function defaultLeadDivisionId(initiative: Pick<Initiative, "divisions">): number | null {
  const first = initiative.divisions.find((d) => d.kind === "division");
  return first && first.kind === "division" ? first.divisionId : null;
}

/** The secretariat designates the lead only where the plan lists a collective first. */
export function leadIsDesignated(initiative: Pick<Initiative, "divisions">): boolean {
  const first = initiative.divisions[0];
  return first !== undefined && first.kind !== "division";
}

/** The collectives of an initiative whose members the secretariat sets (「全部局」 needs none). */
export function resolvableCollectives(initiative: Pick<Initiative, "divisions">): ResolvableCollective[] {
  const kinds = initiative.divisions.flatMap((d) =>
    d.kind === "related_divisions" || d.kind === "system_divisions" ? [d.kind] : [],
  );
  return [...new Set(kinds)];
}

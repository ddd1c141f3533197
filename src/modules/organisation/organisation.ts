/**
 * The organisation registry (issue #3 §2): the bureaus (部局) and divisions
 * (課) of one municipality. Divisions are what initiatives name as
 * responsible and what staff belong to (app_user.division_id); a bureau
 * groups divisions and is optional (the plan file names only divisions).
 */
export type Bureau = { id: number; name: string };

export type DivisionEntry = {
  id: number;
  name: string;
  bureau: Bureau | null;
  /** Staff whose division this is. */
  memberCount: number;
  /** Initiatives (of any of the municipality's plans) that name it as responsible. */
  initiativeCount: number;
};

export type OrganisationChart = {
  bureaus: (Bureau & { divisions: DivisionEntry[] })[];
  /** Divisions not assigned to a bureau yet (e.g. created by a plan import). */
  unassigned: DivisionEntry[];
};

export type Member = { id: number; loginId: string; displayName: string };

/** What keeps a division from being deleted. */
export type DivisionReferences = {
  initiatives: { planCode: string; number: number; title: string }[];
  /** Open drafts whose initiatives name the division. */
  drafts: number;
  members: number;
};

export function chartOf(bureaus: readonly Bureau[], divisions: readonly DivisionEntry[]): OrganisationChart {
  return {
    bureaus: bureaus.map((b) => ({ ...b, divisions: divisions.filter((d) => d.bureau?.id === b.id) })),
    unassigned: divisions.filter((d) => d.bureau === null),
  };
}

/** Names as people type them: full-width letters and spaces folded (NFKC), ends trimmed. */
export const normaliseName = (name: string): string => name.normalize("NFKC").replace(/\s+/g, " ").trim();

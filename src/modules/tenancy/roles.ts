/**
 * The staff roles a user holds in one municipality. They sit with tenancy,
 * under every module: the PDCA workflow (cycle/domain/report-workflow.ts)
 * decides what each role may do, accounts assigns them, and pages name them.
 * This file lists them for forms and says which roles need a second factor.
 */
export type Role = "administrator" | "secretariat" | "digital_officer" | "division_head" | "committee_member" | "cio" | "viewer";

/** In the order forms list them. The database's check constraint on user_role.role names the same seven. */
export const ROLES = [
  "administrator",
  "secretariat",
  "cio",
  "committee_member",
  "division_head",
  "digital_officer",
  "viewer",
] as const satisfies readonly Role[];

// Fails to compile if Role gains a member that is missing above.
const _everyRoleListed: Exclude<Role, (typeof ROLES)[number]> extends never ? true : never = true;
void _everyRoleListed;

export const ROLE_LABELS: Record<Role, string> = {
  administrator: "システム管理者",
  secretariat: "事務局（デジタル推進課）",
  cio: "CIO",
  committee_member: "デジタル化推進委員会委員",
  division_head: "課長",
  digital_officer: "デジタル担当職員",
  viewer: "閲覧者",
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Administrators manage accounts, the secretariat publishes the plan's
 * results and the CIO finalises the grades that are published: a stolen
 * password alone must not be enough for any of them.
 */
export const TWO_FACTOR_ROLES: readonly Role[] = ["administrator", "secretariat", "cio"];

/** 「システム管理者、事務局（デジタル推進課）とCIO」: for hints and printed instructions. */
export function twoFactorRoleNames(): string {
  const names = TWO_FACTOR_ROLES.map((r) => ROLE_LABELS[r]);
  return names.length > 1 ? `${names.slice(0, -1).join("、")}と${names.at(-1)}` : names.join("");
}

export function requiresTwoFactor(roles: Iterable<Role>): boolean {
  for (const role of roles) if (TWO_FACTOR_ROLES.includes(role)) return true;
  return false;
}

/** Who reads the 集計表: those who review every report of the cycle (not divisions, not viewers). */
import type { Role } from "../../tenancy/roles.ts";
import type { StaffUser } from "../../accounts/user.ts";

export const SUMMARY_ROLES: readonly Role[] = ["secretariat", "committee_member", "cio"];

export const canDownloadSummary = (user: Pick<StaffUser, "roles">) => user.roles.some((r) => SUMMARY_ROLES.includes(r));

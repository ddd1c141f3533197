/**
 * One sample account per role, each with a fixed password printed at start:
 * the point of a demo is that anyone can sign in as anyone. They are made by
 * the accounts module's createUser (audited like any account); the temporary
 * password it hands out is then replaced by the printed one, so a newcomer
 * goes straight in. The second factor stays required for the administrator
 * and the secretariat: the accounts module offers no demo-only way round it,
 * and the enrolment page shows the secret to type into any TOTP app.
 */
import { withAudit } from "../../core/audit/audit.ts";
import type { Database } from "../../core/db/database.ts";
import { createUser } from "../accounts/commands/manage-users.ts";
import { hashPassword } from "../accounts/domain/password-hash.ts";
import { passwordProblems } from "../accounts/domain/password-policy.ts";
import { requiresTwoFactor, ROLE_LABELS, type Role } from "../tenancy/roles.ts";
import { findDivisionByName } from "../accounts/repository/user-queries.ts";
import { setPasswordHash } from "../accounts/repository/user-writes.ts";
import type { AuditActor } from "../../core/audit/audit.ts";
import { SAMPLE } from "./sample-reports.ts";

/** The division of the demo's officer, head and secretariat: it leads 16 of the plan's 37 initiatives. */
export const DEMO_DIVISION = "デジタル推進課";

export type DemoAccount = { role: Role; loginId: string; password: string; displayName: string; division: string | null; twoFactor: boolean };

const SPECS: { role: Role; loginId: string; inDivision: boolean }[] = [
  { role: "administrator", loginId: "demo-admin", inDivision: false },
  { role: "secretariat", loginId: "demo-secretariat", inDivision: true },
  { role: "digital_officer", loginId: "demo-officer", inDivision: true },
  { role: "division_head", loginId: "demo-head", inDivision: true },
  { role: "committee_member", loginId: "demo-committee", inDivision: false },
  { role: "cio", loginId: "demo-cio", inDivision: false },
  { role: "viewer", loginId: "demo-viewer", inDivision: false },
];

/** The accounts as printed: same on every start. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = SPECS.map((s) => ({
  role: s.role,
  loginId: s.loginId,
  // Obviously a sample, long enough for the policy, never the login id.
  password: `sample-${s.role.replace(/_/g, "-")}-pass`,
  displayName: `${SAMPLE}${ROLE_LABELS[s.role]}`,
  division: s.inDivision ? DEMO_DIVISION : null,
  twoFactor: requiresTwoFactor([s.role]),
}));

for (const a of DEMO_ACCOUNTS) {
  const problems = passwordProblems(a.password, a.loginId);
  if (problems.length > 0) throw new Error(`demo password of ${a.loginId}: ${problems.join(", ")}`);
}

export type CreatedDemoAccounts = Map<Role, { userId: number; actor: AuditActor; divisionId: number | null }>;

export async function createDemoAccounts(db: Database, municipalityId: number, loader: AuditActor): Promise<CreatedDemoAccounts> {
  const division = await findDivisionByName(db, municipalityId, DEMO_DIVISION);
  const created: CreatedDemoAccounts = new Map();
  const context = { municipalityId, actor: loader, ip: null };
  for (const account of DEMO_ACCOUNTS) {
    const divisionId = account.division && division ? division.id : null;
    const result = await createUser(db, context, {
      loginId: account.loginId,
      displayName: account.displayName,
      email: null,
      divisionId,
      roles: [account.role],
    });
    if (!result.ok) throw new Error(`${account.loginId}: ${result.errors.map((e) => e.message).join("、")}`);
    const hash = await hashPassword(account.password);
    await withAudit(db, context, async (tx, audit) => {
      await setPasswordHash(tx, result.userId, hash, false);
      await audit({ action: "demo.password_set", entityType: "app_user", entityId: result.userId, after: { demo: true } });
    });
    created.set(account.role, {
      userId: result.userId,
      actor: { userId: result.userId, label: `${account.displayName}（${account.loginId}）` },
      divisionId,
    });
  }
  return created;
}

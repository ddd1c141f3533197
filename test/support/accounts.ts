/**
 * Factories for the accounts tests: a municipality, staff users with a known
 * password (and TOTP secret), and signing a test browser in.
 */
import { expect } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { createUser } from "../../src/modules/accounts/commands/manage-users.ts";
import { hashPassword } from "../../src/modules/accounts/domain/password-hash.ts";
import type { Role } from "../../src/modules/tenancy/roles.ts";
import { base32Decode, generateTotpSecret, totp } from "../../src/modules/accounts/domain/totp.ts";
import type { TestBrowser } from "./session.ts";

export async function createMunicipality(db: Database, lgCode: string, name: string): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    "insert into municipality (lg_code, name) values ($1, $2) on conflict (lg_code) do update set name = excluded.name returning id",
    [lgCode, name],
  );
  return row!.id;
}

export async function createDivision(db: Database, municipalityId: number, name: string): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    "insert into division (municipality_id, name) values ($1, $2) returning id",
    [municipalityId, name],
  );
  return row!.id;
}

export type TestStaff = { id: number; loginId: string; password: string; totpSecret?: string; lgCode: string };

let counter = 0;

/** A ready user: own password set (no temporary one), TOTP enrolled when `totp` is true. */
const TEST_PASSWORD = "correct horse battery staple";
let testHash: Promise<string> | undefined;
/**
 * Every test user has the same password, so its argon2 hash is computed once
 * per worker (a real hash: sign-in verifies it as in production) instead of
 * once per user — argon2 is slow on purpose and tests create hundreds.
 */
const testPasswordHash = () => (testHash ??= hashPassword(TEST_PASSWORD));

export async function createStaff(
  db: Database,
  options: { lgCode: string; roles: Role[]; loginId?: string; totp?: boolean; divisionId?: number; name?: string },
): Promise<TestStaff> {
  const [m] = await db.query<{ id: number }>("select id from municipality where lg_code = $1", [options.lgCode]);
  const loginId = options.loginId ?? `staff${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  const result = await createUser(
    db,
    { municipalityId: m!.id, actor: { userId: null, label: "テスト" }, ip: null },
    {
      loginId,
      displayName: options.name ?? `職員 ${loginId}`,
      email: null,
      divisionId: options.divisionId ?? null,
      roles: options.roles,
    },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const password = TEST_PASSWORD;
  await db.query("update app_user set password_hash = $2, must_change_password = false where id = $1", [
    result.userId,
    await testPasswordHash(),
  ]);
  const staff: TestStaff = { id: result.userId, loginId, password, lgCode: options.lgCode };
  if (options.totp) {
    staff.totpSecret = generateTotpSecret();
    await db.query("update app_user set totp_secret = $2, totp_enabled_at = now() where id = $1", [result.userId, staff.totpSecret]);
  }
  return staff;
}

export function currentCode(secret: string, offsetSteps = 0): string {
  return totp(base32Decode(secret), Date.now() / 1000 + offsetSteps * 30);
}

/**
 * Signs the browser in through the real pages (and the second factor when
 * the user has one). The last used TOTP step is cleared first, so that a
 * test may sign the same user in twice within 30 seconds.
 */
export async function signInAs(db: Database, browser: TestBrowser, staff: TestStaff): Promise<void> {
  const base = `/${staff.lgCode}/staff`;
  await browser.get(`${base}/sign-in`);
  const res = await browser.post(`${base}/sign-in`, { loginId: staff.loginId, password: staff.password });
  expect(res.status, "sign-in").toBe(303);
  if (staff.totpSecret) {
    await db.query("update app_user set totp_last_step = null where id = $1", [staff.id]);
    await browser.get(`${base}/two-factor`);
    const verified = await browser.post(`${base}/two-factor`, { code: currentCode(staff.totpSecret) });
    expect(verified.status, "two-factor").toBe(303);
  }
}

export async function auditActions(db: Database, entityId: number): Promise<string[]> {
  const rows = await db.query<{ action: string }>(
    "select action from audit_log where entity_type = 'app_user' and entity_id = $1 order by id",
    [String(entityId)],
  );
  return rows.map((r) => r.action);
}

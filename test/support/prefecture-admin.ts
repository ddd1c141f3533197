/**
 * Factories for the prefecture administrator's tests (decision 037): a ready
 * account (own password, TOTP enrolled) and signing a test browser in at
 * /prefectures/{2桁}/staff.
 */
import { expect } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { createPrefectureAdmin } from "../../src/modules/accounts/commands/create-prefecture-admin.ts";
import { hashPassword } from "../../src/modules/accounts/domain/password-hash.ts";
import { generateTotpSecret } from "../../src/modules/accounts/domain/totp.ts";
import { currentCode } from "./accounts.ts";
import type { TestBrowser } from "./session.ts";

export type TestPrefectureAdmin = { id: number; prefectureCode: string; loginId: string; password: string; totpSecret: string };

export async function createReadyPrefectureAdmin(db: Database, prefectureCode: string, loginId: string): Promise<TestPrefectureAdmin> {
  const created = await createPrefectureAdmin(db, { actor: { userId: null, label: "テスト" }, ip: null }, { prefectureCode, loginId, displayName: `管理者 ${loginId}`, email: null });
  if (!created.ok) throw new Error(created.message);
  const password = "correct horse battery staple";
  const totpSecret = generateTotpSecret();
  await db.query("update app_user set password_hash = $2, must_change_password = false, totp_secret = $3, totp_enabled_at = now() where id = $1", [
    created.userId,
    await hashPassword(password),
    totpSecret,
  ]);
  return { id: created.userId, prefectureCode, loginId, password, totpSecret };
}

export async function signInAtPrefecture(db: Database, browser: TestBrowser, admin: TestPrefectureAdmin): Promise<void> {
  const base = `/prefectures/${admin.prefectureCode}/staff`;
  await browser.get(`${base}/sign-in`);
  expect((await browser.post(`${base}/sign-in`, { loginId: admin.loginId, password: admin.password })).headers.get("location")).toBe(base);
  await db.query("update app_user set totp_last_step = null where id = $1", [admin.id]);
  await browser.get(`${base}/two-factor`);
  const verified = await browser.post(`${base}/two-factor`, { code: currentCode(admin.totpSecret) });
  expect(verified.status, "two-factor").toBe(303);
}

/** Posts a multipart form with a file, the CSRF token taken from the last page. */
export function postFile(browser: TestBrowser, path: string, file: { name: string; text: string }): Promise<Response> {
  const form = new FormData();
  form.set("_csrf", browser.csrfToken() ?? "");
  form.set("file", new File([file.text], file.name, { type: "application/yaml" }));
  return browser.request(path, { method: "POST", body: form });
}

/**
 * `npm run cli -- create-user --lg-code 362018 --login admin --name 管理者
 *   --role administrator [--role secretariat] [--division デジタル推進課] [--email …]`
 *
 * The way to the first administrator of a new installation (the web pages
 * need an administrator already). Prints a temporary password once; the
 * user replaces it at first sign-in. Audited with the operating-system user.
 */
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { loadConfig } from "../../config.ts";
import type { Database } from "../../core/db/database.ts";
import { openDatabase } from "../../core/db/open-database.ts";
import { findMunicipality } from "../tenancy/repository/municipality-queries.ts";
import { findPrefecture } from "../tenancy/prefectures.ts";
import { createPrefectureAdmin } from "./commands/create-prefecture-admin.ts";
import { createUser } from "./commands/manage-users.ts";
import { isRole, ROLES, type Role } from "../tenancy/roles.ts";
import { LOGIN_ID_PATTERN } from "./domain/sign-in-policy.ts";
import { findDivisionByName } from "./repository/user-queries.ts";

export const CREATE_USER_USAGE = `  npm run cli -- create-user --lg-code <団体コード> --login <ログインID> --name <氏名> --role <役割> [--role <役割>…] [--division <課名>] [--email <メール>]
      職員の利用者を作成し、仮パスワードを表示します（初回サインインで本人が変更）。
      役割: ${ROLES.join(", ")}`;

type Out = Pick<Console, "log" | "error">;

/** `db` is for tests; otherwise the configured database is opened (and closed). */
export async function createUserCommand(args: string[], out: Out, db?: Database): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        "lg-code": { type: "string" },
        login: { type: "string" },
        name: { type: "string" },
        role: { type: "string", multiple: true },
        division: { type: "string" },
        email: { type: "string" },
      },
    });
  } catch (error) {
    out.error(`${(error as Error).message}\n\n${CREATE_USER_USAGE}`);
    return 2;
  }
  const { "lg-code": lgCode, login, name, division, email } = parsed.values;
  const roles = parsed.values.role ?? [];
  if (!lgCode || !login || !name || roles.length === 0) {
    out.error(`--lg-code、--login、--name、--role を指定してください。\n\n${CREATE_USER_USAGE}`);
    return 2;
  }
  if (!LOGIN_ID_PATTERN.test(login)) {
    out.error("ログインIDは半角英数字と . _ - で3〜64文字（先頭は英数字）にしてください");
    return 2;
  }
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0) {
    out.error(`不明な役割です: ${unknown.join(", ")}（指定できる役割: ${ROLES.join(", ")}）`);
    return 2;
  }
  const database = db ?? (await openDatabase(loadConfig()));
  try {
    const municipality = await findMunicipality(database, lgCode);
    if (!municipality) {
      out.error(`団体コード ${lgCode} の地方公共団体は登録されていません。先に import-plan で計画を読み込んでください`);
      return 1;
    }
    let divisionId: number | null = null;
    if (division) {
      const found = await findDivisionByName(database, municipality.id, division);
      if (!found) {
        out.error(`「${division}」は${municipality.name}の課として登録されていません（課は計画ファイルの担当課から登録されます）`);
        return 1;
      }
      divisionId = found.id;
    }
    const result = await createUser(
      database,
      { municipalityId: municipality.id, actor: { userId: null, label: `CLI（${osUser()}）` }, ip: null },
      { loginId: login, displayName: name, email: email ?? null, divisionId, roles: roles as Role[] },
    );
    if (!result.ok) {
      out.error(`作成できませんでした（何も変更していません）: ${result.errors.map((e) => e.message).join("、")}`);
      return 1;
    }
    out.log(`${municipality.name}の利用者「${name}」（ログインID ${login}）を作成しました。`);
    out.log(`仮パスワード: ${result.temporaryPassword}`);
    out.log(`本人に直接伝えてください。/${lgCode}/staff/sign-in でサインインし、パスワードを変更します。`);
    return 0;
  } finally {
    if (!db) await database.close();
  }
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "不明";
  }
}

export const CREATE_PREFECTURE_ADMIN_USAGE = `  npm run cli -- create-prefecture-admin --prefecture <都道府県コード2桁> --login <ログインID> --name <氏名> [--email <メール>]
      都道府県管理者（その都道府県の市町村を登録し、計画と最初のシステム管理者を設定する）を作成し、
      仮パスワードを表示します。初回サインインで二要素認証の設定とパスワードの変更が必要です。`;

/** `npm run cli -- create-prefecture-admin …` (decision 037); `db` is for tests. */
export async function createPrefectureAdminCommand(args: string[], out: Out, db?: Database): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { prefecture: { type: "string" }, login: { type: "string" }, name: { type: "string" }, email: { type: "string" } },
    });
  } catch (error) {
    out.error(`${(error as Error).message}\n\n${CREATE_PREFECTURE_ADMIN_USAGE}`);
    return 2;
  }
  const { prefecture: code, login, name, email } = parsed.values;
  if (!code || !login || !name?.trim()) {
    out.error(`--prefecture、--login、--name を指定してください。\n\n${CREATE_PREFECTURE_ADMIN_USAGE}`);
    return 2;
  }
  const prefecture = findPrefecture(code);
  if (!prefecture) {
    out.error(`都道府県コード「${code}」は正しくありません（01〜47の2桁。例: 徳島県は36）`);
    return 2;
  }
  if (!LOGIN_ID_PATTERN.test(login)) {
    out.error("ログインIDは半角英数字と . _ - で3〜64文字（先頭は英数字）にしてください");
    return 2;
  }
  const database = db ?? (await openDatabase(loadConfig()));
  try {
    const result = await createPrefectureAdmin(
      database,
      { actor: { userId: null, label: `CLI（${osUser()}）` }, ip: null },
      { prefectureCode: prefecture.code, loginId: login, displayName: name.trim(), email: email ?? null },
    );
    if (!result.ok) {
      out.error(`作成できませんでした（何も変更していません）: ${result.message}`);
      return 1;
    }
    out.log(`${prefecture.name}の都道府県管理者「${name.trim()}」（ログインID ${login}）を作成しました。`);
    out.log(`仮パスワード: ${result.temporaryPassword}`);
    out.log(`本人に直接伝えてください。/prefectures/${prefecture.code}/staff/sign-in でサインインし、二要素認証を設定してパスワードを変更します。`);
    return 0;
  } finally {
    if (!db) await database.close();
  }
}

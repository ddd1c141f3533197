/**
 * `npm run cli -- export-municipality <団体コード> <ファイル>` and
 * `import-municipality <ファイル>`: moving one municipality between
 * instances (decision 034, docs/operations.md「団体の移行」). The archive
 * itself is core (src/core/municipality-archive/); this file adds what needs
 * the accounts module: new temporary passwords for the moved users, of which
 * only the administrators' are shown, once.
 */
import { hostname, userInfo } from "node:os";
import { loadConfig } from "../config.ts";
import type { AuditActor } from "../core/audit/audit.ts";
import type { Database } from "../core/db/database.ts";
import { openDatabase } from "../core/db/open-database.ts";
import { readArchive } from "../core/municipality-archive/archive-file.ts";
import { exportMunicipality } from "../core/municipality-archive/export-municipality.ts";
import { importMunicipality } from "../core/municipality-archive/import-municipality.ts";
import { ArchiveError } from "../core/municipality-archive/remap.ts";
import { generateTemporaryPassword, hashPassword } from "../modules/accounts/domain/password-hash.ts";

export const MOVE_USAGE = `  npm run cli -- export-municipality <団体コード> <ファイル>
      1つの団体のデータ全体（計画・版・自己評価・報告・PDF・アンケート・監査ログ・職員）を移行ファイルに
      書き出します。パスワードと二要素認証の秘密鍵は含めません。サーバーを動かしたまま実行できます（PostgreSQL）。
  npm run cli -- import-municipality <ファイル>
      移行ファイルを1つのトランザクションで読み込みます。同じ団体コードが既にあれば断ります。
      パスワードを持っていた職員には新しい仮パスワードを設定し、システム管理者の分だけを表示します。`;

type Out = Pick<Console, "log" | "error">;

/** `db` is for tests; otherwise the configured database is opened (and closed). */
export async function moveMunicipalityCommand(command: "export-municipality" | "import-municipality", args: string[], out: Out, db?: Database): Promise<number> {
  const wanted = command === "export-municipality" ? 2 : 1;
  if (args.length !== wanted) {
    out.error(MOVE_USAGE);
    return 2;
  }
  const config = loadConfig();
  const actor: AuditActor = { userId: null, label: `CLI（${osUser()}）` };
  try {
    // An import reads and checks the whole file before the database is opened: a bad file never touches it.
    const archive = command === "import-municipality" ? await readArchive(args[0]!) : undefined;
    const database = db ?? (await openDatabase(config));
    try {
      if (!archive) {
        const [lgCode, file] = args as [string, string];
        const result = await exportMunicipality(database, { lgCode, file, sourceInstance: config.siteUrl ?? hostname(), actor });
        out.log(`${result.manifest.municipalityName}（${lgCode}）を ${file} に書き出しました（${rowsText(result.manifest.rowCounts)}、${(result.bytes / 1024 / 1024).toFixed(1)} MB）。`);
        out.log(`SHA-256: ${result.fileSha256}`);
        out.log("パスワードと二要素認証の秘密鍵は含めていません。ファイルには職員の氏名・メールアドレスと監査ログが入っているため、暗号化して運んでください。");
        return 0;
      }
      return await importCommand(database, archive, actor, out);
    } finally {
      if (!db) await database.close();
    }
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    out.error(error.message);
    return 1;
  }
}

async function importCommand(db: Database, archive: Awaited<ReturnType<typeof readArchive>>, actor: AuditActor, out: Out): Promise<number> {
  // Hashing is slow: done before the transaction, for every user who signed in with a password.
  const temporary = new Map<string, string>();
  const hashes = new Map<string, string>();
  for (const oldId of archive.manifest.passwordUserIds) {
    const password = generateTemporaryPassword();
    temporary.set(oldId, password);
    hashes.set(oldId, await hashPassword(password));
  }
  const result = await importMunicipality(db, archive, { actor, passwordHashes: hashes });
  out.log(`${result.name}（${result.lgCode}）を読み込みました（${rowsText(archive.manifest.rowCounts)}）。移行元: ${archive.manifest.sourceInstance}、書き出し ${archive.manifest.createdAt}。`);
  out.log(`SHA-256: ${archive.fileSha256}（監査ログに記録しました）`);
  if (result.renumbered.length > 0) {
    out.log(`このシステムで使われていた番号と重なったため、次の表の行に新しい番号を付けました: ${result.renumbered.join(", ")}`);
    if (result.renumbered.includes("division")) {
      out.log(`  担当課のページ（/${result.lgCode}/divisions/{番号}）のアドレスとオープンデータの担当課IDが変わりました。リンクしている所に知らせてください。`);
    }
  }
  const active = result.users.filter((u) => !u.disabled);
  const admins = active.filter((u) => u.roles.includes("administrator") && temporary.has(u.oldId));
  out.log(`職員 ${result.users.length}人を移しました。パスワードと二要素認証は移していません。`);
  for (const admin of admins) out.log(`  システム管理者 ${admin.displayName}（ログインID ${admin.loginId}）の仮パスワード: ${temporary.get(admin.oldId)}`);
  if (admins.length > 0) out.log(`  仮パスワードは本人に直接伝えてください。/${result.lgCode}/staff/sign-in でサインインし、パスワードを変更します。`);
  const others = active.filter((u) => temporary.has(u.oldId) && !admins.includes(u)).length;
  if (others > 0) out.log(`  ほかの職員 ${others}人は、システム管理者が「利用者の管理」から仮パスワードを再発行するまでサインインできません。`);
  const oidc = active.filter((u) => u.oidc && !temporary.has(u.oldId)).length;
  if (oidc > 0) out.log(`  庁内の認証基盤でサインインする職員 ${oidc}人は、このシステムに認証基盤（OIDC_ISSUER などの設定、docs/decisions/012-oidc.md）を設定すればサインインできます。`);
  const enrol = active.filter((u) => u.mustEnrolTotp).length;
  if (enrol > 0) out.log(`  二要素認証を使っていた職員 ${enrol}人は、次のサインインで認証アプリを設定し直します。`);
  return 0;
}

const rowsText = (counts: Record<string, number>) => `${Object.values(counts).reduce((a, b) => a + b, 0)}行、${Object.values(counts).filter((n) => n > 0).length}表`;

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "不明";
  }
}

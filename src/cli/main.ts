/**
 * `npm run cli -- <command> …`: administration from the shell.
 *   import-plan <file> --lg-code 362018 [--name 徳島市]
 *   validate-plan <file>
 *   backup <file> · restore <file>
 *   export-municipality <lgCode> <file> · import-municipality <file>
 *   import-survey <file>
 *   create-user … · create-prefecture-admin …
 * Uses the same settings as the server (DATABASE_URL / DATA_DIR), so it is
 * refused while a server holds the embedded database, like a second server.
 */
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.ts";
import { backupDatabase, BackupError, restoreDatabase } from "../core/backup/backup.ts";
import { DataDirLockedError } from "../core/db/data-dir-lock.ts";
import { openDatabase } from "../core/db/open-database.ts";
import { AccessibilityCheckError, runAccessibilityCheck } from "./run-accessibility-check.ts";
import { MOVE_USAGE, moveMunicipalityCommand } from "./move-municipality.ts";
import { createPrefectureAdminCommand, CREATE_PREFECTURE_ADMIN_USAGE, createUserCommand, CREATE_USER_USAGE } from "../modules/accounts/cli.ts";
import { importPlan } from "../modules/plan/commands/import-plan.ts";
import { formatProblems, readPlanFile } from "../modules/plan/read-plan-file.ts";
import { IMPORT_SURVEY_USAGE, importSurveyCommand } from "../modules/survey/evidence/cli.ts";

const USAGE = `使い方:
  npm run cli -- import-plan <計画ファイル> --lg-code <全国地方公共団体コード> [--name <団体名>]
      計画ファイル（YAML または JSON）を検証し、地方公共団体の計画として読み込みます。
      同じ内容を再度読み込んでも何も変わりません。初めての団体コードには --name が必要です。
  npm run cli -- validate-plan <計画ファイル>
      計画ファイルを検証だけします（データベースには触れません）。
${IMPORT_SURVEY_USAGE}
${CREATE_USER_USAGE}
${CREATE_PREFECTURE_ADMIN_USAGE}
  npm run cli -- check-accessibility
      公開ページすべてを Chromium と axe-core で自動チェックし、結果（日付・件数）を記録します。
      結果はウェブアクセシビリティ方針のページに表示されます。
  npm run cli -- backup <ファイル>
      データベース全体のバックアップを取ります。PostgreSQL サーバー（DATABASE_URL）は pg_dump の
      カスタム形式で、サーバーを動かしたまま取れます。組み込みデータベースはサーバーを止めてから取ります。
  npm run cli -- restore <ファイル>
      バックアップを空のデータベースに復元します（上書きはしません）。復元後の起動で、
      新しい版のスキーマ変更（マイグレーション）が適用されます。
${MOVE_USAGE}`;

export async function runCli(argv: string[], out = console): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "import-plan":
      return importPlanCommand(rest, out);
    case "validate-plan":
      return validatePlanCommand(rest, out);
    case "import-survey":
      return importSurveyCommand(rest, out);
    case "create-user":
      return createUserCommand(rest, out);
    case "create-prefecture-admin":
      return createPrefectureAdminCommand(rest, out);
    case "check-accessibility":
      return checkAccessibilityCommand(rest, out);
    case "backup":
    case "restore":
      return backupCommand(command, rest, out);
    case "export-municipality":
    case "import-municipality":
      return moveMunicipalityCommand(command, rest, out);
    case undefined:
    case "help":
    case "--help":
      out.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      out.error(`不明なコマンドです: ${command}\n\n${USAGE}`);
      return 2;
  }
}

async function backupCommand(command: "backup" | "restore", args: string[], out: Pick<Console, "log" | "error">): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) {
    out.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  try {
    if (command === "backup") {
      const { bytes } = await backupDatabase(config, file);
      out.log(`バックアップを ${file} に書きました（${(bytes / 1024 / 1024).toFixed(1)} MB）。`);
    } else {
      await restoreDatabase(config, file);
      out.log(`${file} から復元しました。サーバーを起動すると、必要なスキーマ変更が適用されます。`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    out.error(error.message);
    return 1;
  }
}

async function checkAccessibilityCommand(args: string[], out: Pick<Console, "log" | "error">): Promise<number> {
  if (args.length > 0) {
    out.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    const run = await runAccessibilityCheck(db, { config, log: (line) => out.log(line) });
    return run.violations === 0 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof AccessibilityCheckError)) throw error;
    out.error(`自動チェックを実行できませんでした（何も記録していません）: ${error.message}`);
    return 1;
  } finally {
    await db.close();
  }
}

async function validatePlanCommand(args: string[], out: Pick<Console, "log" | "error">): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) {
    out.error(USAGE);
    return 2;
  }
  const result = await readPlanFile(file);
  if (!result.ok) {
    out.error(`計画ファイルに誤りがあります:\n${formatProblems(result.problems)}`);
    return 1;
  }
  out.log(`${file}: 正しい計画ファイルです（取組項目 ${result.plan.initiatives.length}件）`);
  return 0;
}

async function importPlanCommand(args: string[], out: Pick<Console, "log" | "error">): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { "lg-code": { type: "string" }, name: { type: "string" } },
    });
  } catch (error) {
    out.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const file = parsed.positionals[0];
  const lgCode = parsed.values["lg-code"];
  if (!file || parsed.positionals.length > 1 || !lgCode) {
    out.error(`計画ファイルと --lg-code を指定してください。\n\n${USAGE}`);
    return 2;
  }
  // Validate before opening the database: an invalid file never touches it.
  const read = await readPlanFile(file);
  if (!read.ok) {
    out.error(`計画ファイルに誤りがあるため、何も変更していません:\n${formatProblems(read.problems)}`);
    return 1;
  }
  const db = await openDatabase(loadConfig());
  try {
    const result = await importPlan(db, { lgCode, municipalityName: parsed.values.name, plan: read.plan });
    if (!result.ok) {
      out.error(`読み込めませんでした（何も変更していません）: ${result.message}`);
      return 1;
    }
    const said = { created: "新しく読み込みました", updated: "内容を更新しました", unchanged: "内容は同じため、何も変更していません" };
    out.log(`${file}: ${said[result.status]}（団体コード ${lgCode}、計画 ${read.plan.code}）`);
    return 0;
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((error) => {
      const known = error instanceof ConfigError || error instanceof DataDirLockedError;
      console.error(known ? error.message : `失敗しました: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    });
}

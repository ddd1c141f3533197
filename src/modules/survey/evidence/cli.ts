/**
 * `npm run cli -- import-survey <file>`: loads a survey data file (a survey
 * as a report published it) after validating it; the file names its
 * municipality and plan. The same content again changes nothing.
 */
import { loadConfig } from "../../../config.ts";
import { openDatabase } from "../../../core/db/open-database.ts";
import { formatProblems } from "../../plan/read-plan-file.ts";
import { importSurvey } from "./commands/import-survey.ts";
import { readSurveyFile } from "./read-survey-file.ts";

export const IMPORT_SURVEY_USAGE = `  npm run cli -- import-survey <調査データファイル>
      公表済みの市民アンケート（調査方法・集計表・課題と取組項目の対応）を検証して読み込みます。
      集計表の合計が各セルの和と合わないファイルは読み込みません。同じ内容を再度読み込んでも何も変わりません。`;

export async function importSurveyCommand(args: string[], out: Pick<Console, "log" | "error">): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) {
    out.error(`調査データファイルを1つ指定してください。\n\n${IMPORT_SURVEY_USAGE}`);
    return 2;
  }
  // Validate before opening the database: an invalid file never touches it.
  const read = await readSurveyFile(file);
  if (!read.ok) {
    out.error(`調査データファイルに誤りがあるため、何も変更していません:\n${formatProblems(read.problems)}`);
    return 1;
  }
  const db = await openDatabase(loadConfig());
  try {
    const result = await importSurvey(db, read.survey);
    if (!result.ok) {
      out.error(`読み込めませんでした（何も変更していません）: ${result.message}`);
      return 1;
    }
    const said = { created: "新しく読み込みました", updated: "内容を更新しました", unchanged: "内容は同じため、何も変更していません" };
    out.log(`${file}: ${said[result.status]}（団体コード ${read.survey.lgCode}、調査 ${read.survey.code}）`);
    return 0;
  } finally {
    await db.close();
  }
}

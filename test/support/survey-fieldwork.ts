/**
 * A survey in fieldwork for the browser tests: a short questionnaire (age
 * band as an attribute, a required single choice, a multiple choice with
 * 「その他」, a number, a free text), three sampled residents, their codes.
 * Built through the module's own commands, as the secretariat would.
 */
import type { Database } from "../../src/core/db/database.ts";
import { surveyDefinitionSchema } from "../../src/modules/survey/domain/definition.ts";
import { advanceSurvey, createSurvey, saveDefinition } from "../../src/modules/survey/fieldwork/commands/manage-survey.ts";
import { importSample } from "../../src/modules/survey/fieldwork/commands/sample.ts";
import { createMunicipality, createStaff, type TestStaff } from "./accounts.ts";

export const FIELDWORK_DEFINITION = surveyDefinitionSchema.parse({
  sections: [
    {
      code: "you",
      title: "あなたご自身について",
      questions: [{ kind: "single", code: "age", number: "1", text: "あなたの年齢", attribute: "age_band", required: true, options: [{ code: "1", label: "18〜39歳" }, { code: "2", label: "40〜64歳" }, { code: "3", label: "65歳以上" }] }],
    },
    {
      code: "net",
      title: "インターネットの利用",
      questions: [
        { kind: "single", code: "Q1", number: "2", text: "インターネットを利用していますか", required: true, options: [{ code: "1", label: "利用している" }, { code: "2", label: "利用していない" }] },
        { kind: "multiple", code: "Q2", number: "3", text: "利用している機器", options: [{ code: "1", label: "スマートフォン" }, { code: "2", label: "パソコン" }, { code: "9", label: "その他", allowsText: true }] },
        { kind: "numeric", code: "Q3", number: "4", text: "1日の利用時間", unit: "時間", min: 0, max: 24 },
        { kind: "text", code: "Q4", number: "5", text: "市のデジタル化へのご意見" },
      ],
    },
  ],
});

export async function seedFieldworkSurvey(db: Database, lgCode = "362018"): Promise<{ staff: TestStaff; codes: string[] }> {
  const [existing] = await db.query<{ id: number }>("select id from municipality where lg_code = $1", [lgCode]);
  const municipalityId = existing?.id ?? (await createMunicipality(db, lgCode, "徳島市"));
  const staff = await createStaff(db, { lgCode, roles: ["secretariat"], totp: true });
  const context = { municipalityId, actor: { userId: staff.id, label: "テスト" }, ip: null, userId: staff.id };
  const created = await createSurvey(db, context, { code: "citizen-2027", title: "令和9年度 市民アンケート", purpose: null, population: null, method: null, periodStart: null, periodEnd: null });
  if (!created.ok) throw new Error(created.message);
  await saveDefinition(db, context, { surveyId: created.id, definition: FIELDWORK_DEFINITION, basedOnVersion: null });
  const stratum = (age: string) => ({ age_band: age, sex: null, area: null });
  await importSample(db, context, {
    surveyId: created.id,
    members: [
      { line: 2, frameId: "A001", stratum: stratum("1") },
      { line: 3, frameId: "A002", stratum: stratum("2") },
      { line: 4, frameId: "A003", stratum: stratum("3") },
    ],
  });
  await advanceSurvey(db, context, created.id);
  const codes = await db.query<{ code: string }>("select code from survey_sample_member where survey_id = $1 order by id", [created.id]);
  return { staff, codes: codes.map((r) => r.code) };
}

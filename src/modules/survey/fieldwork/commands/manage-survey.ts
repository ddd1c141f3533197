/**
 * The secretariat's commands on a survey: create, copy from a previous one,
 * save the questionnaire (a new version per saved change, only while in
 * draft: once fieldwork starts the version answered is frozen), move it
 * through draft → fieldwork → closed, edit its details (purpose, period,
 * answer deadline, contact — printed on the letters), and switch paper
 * double entry.
 */
import { withAudit, type AuditContext } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import type { SurveyDefinition } from "../../domain/definition.ts";
import {
  findSurveyById,
  insertDefinition,
  insertSurvey,
  latestDefinition,
  lockSurvey,
  setDoubleEntry,
  surveyCodeTaken,
  updateSurveyDetails,
  updateSurveyState,
  type SurveyDetails,
  type SurveyFields,
  type SurveyState,
} from "../repository/survey-queries.ts";

export type Failure = { ok: false; field: string; message: string };

export async function createSurvey(db: Database, context: AuditContext & { municipalityId: number }, fields: SurveyFields): Promise<{ ok: true; id: number } | Failure> {
  if (await surveyCodeTaken(db, context.municipalityId, fields.code)) return { ok: false, field: "code", message: `コード「${fields.code}」は既に使われています` };
  return withAudit(db, context, async (tx, audit) => {
    const id = await insertSurvey(tx, context.municipalityId, fields, null);
    await audit({ action: "survey.create", entityType: "survey", entityId: id, after: fields });
    return { ok: true as const, id };
  });
}

/** A new survey from a previous one: new code and title, the previous one's latest questionnaire as version 1. */
export async function copySurvey(
  db: Database,
  context: AuditContext & { municipalityId: number; userId: number },
  input: { fromSurveyId: number; fields: SurveyFields },
): Promise<{ ok: true; id: number } | Failure> {
  if (await surveyCodeTaken(db, context.municipalityId, input.fields.code)) return { ok: false, field: "code", message: `コード「${input.fields.code}」は既に使われています` };
  const source = await latestDefinition(db, input.fromSurveyId);
  return withAudit(db, context, async (tx, audit) => {
    const id = await insertSurvey(tx, context.municipalityId, input.fields, input.fromSurveyId);
    if (source) await insertDefinition(tx, id, 1, source.definition, context.userId);
    await audit({ action: "survey.copy", entityType: "survey", entityId: id, after: { ...input.fields, copiedFromSurveyId: input.fromSurveyId, copiedVersion: source?.version ?? null } });
    return { ok: true as const, id };
  });
}

export async function saveDefinition(
  db: Database,
  context: AuditContext & { userId: number },
  input: { surveyId: number; definition: SurveyDefinition; basedOnVersion: number | null },
): Promise<{ ok: true; version: number } | { ok: false; message: string }> {
  return withAudit(db, context, async (tx, audit) => {
    const state = await lockSurvey(tx, input.surveyId);
    if (state !== "draft") return { ok: false as const, message: "実査（回答の受付）を始めた調査票は変更できません。変更が必要なときは、この調査を複製して新しい調査にしてください。" };
    const current = await latestDefinition(tx, input.surveyId);
    // Two people editing at once: the later save would silently drop the other's change.
    if ((current?.version ?? null) !== input.basedOnVersion) {
      return { ok: false as const, message: `この調査票は他の人が更新しました（第${current?.version}版）。ページを開き直して、変更をもう一度加えてください。` };
    }
    if (current && JSON.stringify(current.definition) === JSON.stringify(input.definition)) return { ok: true as const, version: current.version };
    const version = (current?.version ?? 0) + 1;
    await insertDefinition(tx, input.surveyId, version, input.definition, context.userId);
    await audit({ action: "survey.definition_save", entityType: "survey", entityId: input.surveyId, before: current ? { version: current.version } : null, after: { version } });
    return { ok: true as const, version };
  });
}

const NEXT_STATE: Partial<Record<SurveyState, SurveyState>> = { draft: "fieldwork", fieldwork: "closed" };

export async function advanceSurvey(db: Database, context: AuditContext, surveyId: number): Promise<{ ok: true; state: SurveyState } | { ok: false; message: string }> {
  return withAudit(db, context, async (tx, audit) => {
    const state = await lockSurvey(tx, surveyId);
    const next = state && NEXT_STATE[state];
    if (!next) return { ok: false as const, message: "この調査はこれ以上進められません。" };
    if (next === "fieldwork" && !(await latestDefinition(tx, surveyId))) return { ok: false as const, message: "調査票がまだありません。先に調査票を作成してください。" };
    await updateSurveyState(tx, surveyId, next);
    await audit({ action: next === "fieldwork" ? "survey.fieldwork_start" : "survey.fieldwork_close", entityType: "survey", entityId: surveyId, before: { state }, after: { state: next } });
    return { ok: true as const, state: next };
  });
}

export async function changeDoubleEntry(db: Database, context: AuditContext, surveyId: number, on: boolean): Promise<void> {
  const before = (await findSurveyById(db, surveyId))?.doubleEntry;
  await withAudit(db, context, async (tx, audit) => {
    await setDoubleEntry(tx, surveyId, on);
    await audit({ action: "survey.double_entry", entityType: "survey", entityId: surveyId, before: { doubleEntry: before }, after: { doubleEntry: on } });
  });
}

/**
 * The details the letters print. Changed fields only go into the audit record.
 * A survey as published (the plan's, imported from its data file) is
 * changed through that file, not here.
 */
export async function editSurveyDetails(db: Database, context: AuditContext, surveyId: number, details: SurveyDetails): Promise<{ ok: true; changed: number } | { ok: false; message: string }> {
  return withAudit(db, context, async (tx, audit) => {
    const state = await lockSurvey(tx, surveyId);
    if (state === "published") return { ok: false as const, message: "公表済みの調査の概要は、調査のデータファイルで直してください。" };
    const current = (await findSurveyById(tx, surveyId))!;
    const keys = (Object.keys(details) as (keyof SurveyDetails)[]).filter((k) => current[k] !== details[k]);
    if (keys.length === 0) return { ok: true as const, changed: 0 };
    await updateSurveyDetails(tx, surveyId, details);
    const pick = (from: SurveyDetails) => Object.fromEntries(keys.map((k) => [k, from[k]]));
    await audit({ action: "survey.details_update", entityType: "survey", entityId: surveyId, before: pick(current), after: pick(details) });
    return { ok: true as const, changed: keys.length };
  });
}

/**
 * Answers under a one-time code.
 *
 * Online: openByCode finds the code's survey and its saved answers (guessing
 * throttled per client address, like sign-in); saveOnlineResponse keeps them
 * in progress or submits them — once: a submitted response is never changed.
 *
 * Paper: keyPaperEntry records what the secretariat keyed. Without double
 * entry the first entry is the response. With it, a second person keys the
 * same paper; if both agree the response is made, otherwise the
 * disagreements are listed and resolvePaperEntry records the answer read
 * from the paper. A code that also came in online is kept and shown as a
 * duplicate (duplicateCodes), never silently merged.
 */
import { withAudit, type AuditContext } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import type { SurveyDefinition, SurveyQuestion } from "../../domain/definition.ts";
import { readCode, type CodeReading } from "../domain/answer-code.ts";
import { disagreements, fromRows, toRows, type AnswerSet } from "../domain/answers.ts";
import {
  answersOf,
  countCodeFailures,
  findCodeHolder,
  hasWeights,
  insertPaperEntry,
  insertResponse,
  lockMember,
  markSubmitted,
  paperEntriesOf,
  recordCodeFailure,
  replaceAnswers,
  responsesOfMember,
  setResponseCounted,
  type CodeHolder,
} from "../repository/response-queries.ts";
import { findSurveyById, latestDefinition, type SurveyRecord } from "../repository/survey-queries.ts";

/** Failed code look-ups allowed per client address in the window (as sign-in's per-address limit). */
export const CODE_FAILURE_LIMIT = 10;
export const CODE_FAILURE_WINDOW_MS = 15 * 60_000;

export const RESPONDENT = { userId: null, label: "回答者（回答用コード）" };

export type Opened = { holder: CodeHolder; survey: SurveyRecord; definition: SurveyDefinition; version: number; saved: AnswerSet; savedAt: boolean };

export type OpenResult =
  | { ok: true; opened: Opened }
  | { ok: false; reason: "throttled" | "unknown" | "closed" | "not_started" | "submitted" }
  | { ok: false; reason: "malformed"; reading: Exclude<CodeReading, { ok: true }> };

export async function openByCode(db: Database, input: { municipalityId: number; typed: string; ip: string; now?: Date }): Promise<OpenResult> {
  const now = input.now ?? new Date();
  if ((await countCodeFailures(db, input.ip, new Date(now.getTime() - CODE_FAILURE_WINDOW_MS))) >= CODE_FAILURE_LIMIT) return { ok: false, reason: "throttled" };
  const reading = readCode(input.typed);
  if (!reading.ok) {
    if (reading.reason !== "empty") await recordCodeFailure(db, input.ip, now);
    return { ok: false, reason: "malformed", reading };
  }
  const holder = await findCodeHolder(db, reading.code);
  // Another municipality's code is as unknown here as a code that does not exist.
  if (!holder || holder.municipalityId !== input.municipalityId) {
    await recordCodeFailure(db, input.ip, now);
    return { ok: false, reason: "unknown" };
  }
  const survey = (await findSurveyById(db, holder.surveyId))!;
  if (survey.state === "draft") return { ok: false, reason: "not_started" };
  if (survey.state !== "fieldwork") return { ok: false, reason: "closed" };
  const online = (await responsesOfMember(db, holder.memberId)).find((r) => r.channel === "online");
  // Excluded is a submitted response set aside against its paper twin: still sent, never reopened.
  if (online && online.state !== "in_progress") return { ok: false, reason: "submitted" };
  const definition = (await latestDefinition(db, survey.id))!;
  const saved = online ? fromRows(await answersOf(db, online.responseId)) : new Map();
  return { ok: true, opened: { holder, survey, definition: definition.definition, version: definition.version, saved, savedAt: Boolean(online) } };
}

export async function saveOnlineResponse(
  db: Database,
  context: { ip: string },
  input: { opened: Opened; answers: AnswerSet; submit: boolean },
): Promise<{ ok: true } | { ok: false; reason: "submitted" }> {
  const { holder, version } = input.opened;
  return withAudit(db, { municipalityId: holder.municipalityId, actor: RESPONDENT, ip: context.ip }, async (tx, audit) => {
    await lockMember(tx, holder.memberId);
    const online = (await responsesOfMember(tx, holder.memberId)).find((r) => r.channel === "online");
    if (online && online.state !== "in_progress") return { ok: false as const, reason: "submitted" as const };
    const responseId = online?.responseId ?? (await insertResponse(tx, { surveyId: holder.surveyId, memberId: holder.memberId, definitionVersion: version, channel: "online", submitted: false }));
    await replaceAnswers(tx, holder.surveyId, responseId, toRows(input.answers));
    if (input.submit) await markSubmitted(tx, responseId);
    // The answers themselves are not copied into the audit log: it is read more widely than the responses.
    await audit({ action: input.submit ? "survey.response_submit" : "survey.response_save", entityType: "survey_response", entityId: responseId });
    return { ok: true as const };
  });
}

export type PaperResult =
  | { ok: true; outcome: "recorded" | "first_entry" | "matched" }
  | { ok: true; outcome: "disagree"; questions: SurveyQuestion[] }
  | { ok: false; message: string };

export async function keyPaperEntry(
  db: Database,
  context: AuditContext & { userId: number },
  input: { holder: CodeHolder; definition: SurveyDefinition; version: number; doubleEntry: boolean; answers: AnswerSet },
): Promise<PaperResult> {
  const { holder } = input;
  return withAudit(db, context, async (tx, audit) => {
    await lockMember(tx, holder.memberId);
    if ((await responsesOfMember(tx, holder.memberId)).some((r) => r.channel === "paper")) return { ok: false as const, message: "このコードの調査票は入力済みです。" };
    const entries = await paperEntriesOf(tx, holder.memberId);
    const rows = toRows(input.answers);
    const makeResponse = async (how: string) => {
      const responseId = await insertResponse(tx, { surveyId: holder.surveyId, memberId: holder.memberId, definitionVersion: input.version, channel: "paper", submitted: true });
      await replaceAnswers(tx, holder.surveyId, responseId, rows);
      await audit({ action: "survey.paper_response", entityType: "survey_response", entityId: responseId, after: { how } });
    };
    if (!input.doubleEntry || entries.length === 0) {
      await insertPaperEntry(tx, { surveyId: holder.surveyId, memberId: holder.memberId, entryNo: 1, answers: rows, userId: context.userId });
      await audit({ action: "survey.paper_entry", entityType: "survey", entityId: holder.surveyId, after: { entryNo: 1 } });
      if (!input.doubleEntry) {
        await makeResponse("single_entry");
        return { ok: true as const, outcome: "recorded" as const };
      }
      return { ok: true as const, outcome: "first_entry" as const };
    }
    if (entries.length >= 2) return { ok: false as const, message: "このコードは2回入力済みで、食い違いの確認を待っています。食い違いの一覧から確定してください。" };
    if (entries[0]!.enteredBy === context.userId) return { ok: false as const, message: "2回目の入力は、1回目と別の人が行ってください（二重入力）。" };
    await insertPaperEntry(tx, { surveyId: holder.surveyId, memberId: holder.memberId, entryNo: 2, answers: rows, userId: context.userId });
    await audit({ action: "survey.paper_entry", entityType: "survey", entityId: holder.surveyId, after: { entryNo: 2 } });
    const differ = disagreements(input.definition, fromRows(entries[0]!.answers), input.answers);
    if (differ.length > 0) return { ok: true as const, outcome: "disagree" as const, questions: differ };
    await makeResponse("double_entry_matched");
    return { ok: true as const, outcome: "matched" as const };
  });
}

/** The answers read from the paper for the questions on which the two entries disagreed; the rest as both keyed them. */
export async function resolvePaperEntry(
  db: Database,
  context: AuditContext & { userId: number },
  input: { holder: CodeHolder; definition: SurveyDefinition; version: number; resolved: AnswerSet },
): Promise<{ ok: true } | { ok: false; message: string }> {
  const { holder } = input;
  return withAudit(db, context, async (tx, audit) => {
    await lockMember(tx, holder.memberId);
    if ((await responsesOfMember(tx, holder.memberId)).some((r) => r.channel === "paper")) return { ok: false as const, message: "このコードの調査票は確定済みです。" };
    const entries = await paperEntriesOf(tx, holder.memberId);
    if (entries.length < 2) return { ok: false as const, message: "2回の入力がそろっていません。" };
    const first = fromRows(entries[0]!.answers);
    const differ = disagreements(input.definition, first, fromRows(entries[1]!.answers));
    const final: AnswerSet = new Map(first);
    for (const q of differ) {
      const rows = input.resolved.get(q.code);
      if (!rows || rows.length === 0) return { ok: false as const, message: `問${q.number}の確定値がありません。` };
      final.set(q.code, rows);
    }
    const responseId = await insertResponse(tx, { surveyId: holder.surveyId, memberId: holder.memberId, definitionVersion: input.version, channel: "paper", submitted: true });
    await replaceAnswers(tx, holder.surveyId, responseId, toRows(final));
    await audit({ action: "survey.paper_resolve", entityType: "survey_response", entityId: responseId, after: { questions: differ.map((q) => q.code) } });
    return { ok: true as const };
  });
}

/**
 * A code answered both online and on paper: the secretariat, having compared
 * the two, chooses which response counts. The other is kept, marked
 * excluded, and drops out of analysis (which reads submitted responses
 * only); the choice can be changed, each time audited.
 */
export async function resolveDuplicate(
  db: Database,
  context: AuditContext & { userId: number },
  input: { surveyId: number; memberId: number; keep: "online" | "paper" },
): Promise<{ ok: true } | { ok: false; message: string }> {
  return withAudit(db, context, async (tx, audit) => {
    await lockMember(tx, input.memberId);
    const responses = await responsesOfMember(tx, input.memberId);
    const online = responses.find((r) => r.channel === "online" && r.state !== "in_progress");
    const paper = responses.find((r) => r.channel === "paper");
    if (!online || !paper) return { ok: false as const, message: "このコードにはインターネットと紙の両方の回答がそろっていません（紙の入力が確定していない場合は、先に確定してください）。" };
    const [counted, excluded] = input.keep === "online" ? [online, paper] : [paper, online];
    if (counted.state === "submitted" && excluded.state === "excluded") return { ok: true as const };
    // The weights were raked over the responses counted then; a response brought back in would have none.
    if (await hasWeights(tx, input.surveyId)) {
      return { ok: false as const, message: "重み付け（レイキング）が設定されているため変更できません。集計・分析の「重み付け」で重みを解除してから選び、重みを設定し直してください。" };
    }
    await setResponseCounted(tx, { counted: counted.responseId, excluded: excluded.responseId, userId: context.userId });
    const countedBefore = online.state === "excluded" ? "paper" : paper.state === "excluded" ? "online" : null;
    await audit({
      action: "survey.duplicate_resolve",
      entityType: "survey",
      entityId: input.surveyId,
      before: { counted: countedBefore },
      after: { counted: input.keep, excluded: input.keep === "online" ? "paper" : "online" },
    });
    return { ok: true as const };
  });
}

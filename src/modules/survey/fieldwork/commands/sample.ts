/**
 * importSample: the frame's members, each with a new one-time code, added in
 * one transaction. Idempotent: a member already imported (same identifier,
 * same stratum) is left as it is with its code, so the same file twice
 * changes nothing; the same identifier with another stratum is refused.
 *
 * recordStrata: without a frame, the number sampled per stratum; each new
 * one gets a code with its stratum and no identity (domain/strata.ts).
 *
 * destroySampleIdentities: after fieldwork, deletes every frame identifier of
 * the survey and the letters PDF — irreversible. Codes, strata, answers and
 * response rates stay.
 */
import { withAudit, type AuditContext } from "../../../../core/audit/audit.ts";
import type { Database, Queryable } from "../../../../core/db/database.ts";
import { newAnswerCode } from "../domain/answer-code.ts";
import { STRATUM_ATTRIBUTES, STRATUM_COLUMNS, type FrameMember } from "../domain/sample-frame.ts";
import { stratumKey, type Stratum } from "../domain/strata.ts";
import { countIdentities, deleteIdentities, insertMembers, membersByFrameId, recordedStrata, takenCodes } from "../repository/sample-queries.ts";
import { findSurveyById, lockSurvey } from "../repository/survey-queries.ts";
import { deleteLetters } from "../repository/letters-queries.ts";

export type ImportResult = { ok: true; added: number; unchanged: number } | { ok: false; messages: string[] };

export async function importSample(db: Database, context: AuditContext, input: { surveyId: number; members: readonly FrameMember[] }): Promise<ImportResult> {
  return withAudit(db, context, async (tx, audit) => {
    const state = await lockSurvey(tx, input.surveyId);
    if (state !== "draft" && state !== "fieldwork") return { ok: false as const, messages: ["実査を終えた調査には標本を追加できません。"] };
    const existing = await membersByFrameId(tx, input.surveyId);
    const messages: string[] = [];
    const fresh: FrameMember[] = [];
    for (const member of input.members) {
      const known = existing.get(member.frameId);
      if (!known) fresh.push(member);
      else {
        const changed = STRATUM_ATTRIBUTES.filter((a) => member.stratum[a] !== null && member.stratum[a] !== known.stratum[a]);
        if (changed.length > 0) {
          messages.push(`${member.line}行目: 識別番号「${member.frameId}」は取り込み済みで、${changed.map((a) => STRATUM_COLUMNS[a]).join("・")}が違います。取り込み済みの標本は変更できません。`);
        }
      }
    }
    if (messages.length > 0) return { ok: false as const, messages };
    const codes = await uniqueCodes(tx, fresh.length);
    await insertMembers(tx, input.surveyId, fresh.map((member, i) => ({ code: codes[i]!, stratum: member.stratum, frameId: member.frameId })));
    if (fresh.length > 0) {
      await audit({ action: "survey.sample_import", entityType: "survey", entityId: input.surveyId, after: { added: fresh.length, unchanged: input.members.length - fresh.length } });
    }
    return { ok: true as const, added: fresh.length, unchanged: input.members.length - fresh.length };
  });
}

export async function recordStrata(
  db: Database,
  context: AuditContext,
  input: { surveyId: number; counts: readonly { stratum: Stratum; sampled: number }[] },
): Promise<{ ok: true; added: number } | { ok: false; message: string }> {
  return withAudit(db, context, async (tx, audit) => {
    const state = await lockSurvey(tx, input.surveyId);
    if (state !== "draft" && state !== "fieldwork") return { ok: false as const, message: "実査を終えた調査には標本を追加できません。" };
    if ((await findSurveyById(tx, input.surveyId))!.linkDestroyedAt) return { ok: false as const, message: "対応表を消去した調査には標本を追加できません。" };
    const before = new Map((await recordedStrata(tx, input.surveyId)).map((r) => [stratumKey(r.stratum), r.sampled]));
    const fresh: { stratum: Stratum }[] = [];
    for (const { stratum, sampled } of input.counts) {
      const already = before.get(stratumKey(stratum)) ?? 0;
      // Checked again under the lock: someone may have recorded more since the form was read.
      if (sampled < already) return { ok: false as const, message: "他の人が先に送付数を記録しました。ページを開き直してください。" };
      for (let i = already; i < sampled; i++) fresh.push({ stratum });
    }
    if (fresh.length === 0) return { ok: true as const, added: 0 };
    const codes = await uniqueCodes(tx, fresh.length);
    // In stratum order, so the letters come out grouped the way the envelopes are addressed.
    await insertMembers(tx, input.surveyId, fresh.map((m, i) => ({ code: codes[i]!, stratum: m.stratum, frameId: null })));
    const summary = (counts: Iterable<[string, number]>) => Object.fromEntries([...counts].filter(([, n]) => n > 0));
    await audit({
      action: "survey.strata_record",
      entityType: "survey",
      entityId: input.surveyId,
      before: { strata: summary(before) },
      after: { strata: summary(input.counts.map((c) => [stratumKey(c.stratum), c.sampled])), added: fresh.length },
    });
    return { ok: true as const, added: fresh.length };
  });
}

/** 54 random bits make a collision all but impossible; one look-up for the whole batch makes it impossible. */
async function uniqueCodes(tx: Queryable, count: number): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < count) {
    const batch = new Set<string>();
    while (batch.size < count - codes.size) {
      const code = newAnswerCode();
      if (!codes.has(code)) batch.add(code);
    }
    const taken = await takenCodes(tx, [...batch]);
    for (const code of batch) if (!taken.has(code)) codes.add(code);
  }
  return [...codes];
}

export async function destroySampleIdentities(db: Database, context: AuditContext & { userId: number }, surveyId: number): Promise<{ ok: true; destroyed: number } | { ok: false; message: string }> {
  return withAudit(db, context, async (tx, audit) => {
    const state = await lockSurvey(tx, surveyId);
    if (state !== "closed" && state !== "published") return { ok: false as const, message: "対応表の消去は実査を終えてから行えます。先に「実査を終える」を押してください。" };
    const before = await countIdentities(tx, surveyId);
    const destroyed = await deleteIdentities(tx, surveyId, context.userId);
    // The letters PDF shows every code in frame order: it goes with the link.
    await deleteLetters(tx, surveyId);
    await audit({ action: "survey.identity_link_destroy", entityType: "survey", entityId: surveyId, before: { identities: before }, after: { identities: 0 } });
    return { ok: true as const, destroyed };
  });
}

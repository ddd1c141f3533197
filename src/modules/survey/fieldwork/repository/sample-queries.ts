/**
 * The sample: members (code + stratum, no identity), the identity link in its
 * own table, and the counts behind response rates. All SQL of 0020's sample tables.
 */
import type { Queryable } from "../../../../core/db/database.ts";
import type { StratumCount } from "../domain/response-rate.ts";
import type { StratumAttribute } from "../domain/sample-frame.ts";

export type Stratum = Record<StratumAttribute, string | null>;

/** The members of a survey that have an identity, by frame identifier. */
export async function membersByFrameId(db: Queryable, surveyId: number): Promise<Map<string, { memberId: number; stratum: Stratum }>> {
  const rows = await db.query<{ id: number | string; frame_id: string; age_band: string | null; sex: string | null; area: string | null }>(
    `select m.id, i.frame_id, m.age_band, m.sex, m.area
       from survey_sample_identity i join survey_sample_member m on m.id = i.sample_member_id
      where i.survey_id = $1`,
    [surveyId],
  );
  return new Map(rows.map((r) => [r.frame_id, { memberId: Number(r.id), stratum: { age_band: r.age_band, sex: r.sex, area: r.area } }]));
}

export async function countMembers(db: Queryable, surveyId: number): Promise<number> {
  const [row] = await db.query<{ n: number | string }>("select count(*) as n from survey_sample_member where survey_id = $1", [surveyId]);
  return Number(row!.n);
}

/** Which of these codes are already taken (by any survey). */
export async function takenCodes(db: Queryable, codes: readonly string[]): Promise<Set<string>> {
  const rows = await db.query<{ code: string }>("select code from survey_sample_member where code = any($1::text[])", [codes]);
  return new Set(rows.map((r) => r.code));
}

/**
 * Members and their identities in two statements, whatever their number
 * (1,300 one by one took 18 s on PGlite under load): unnest of parallel
 * arrays, which PGlite and a server run alike.
 */
export async function insertMembers(tx: Queryable, surveyId: number, members: readonly { code: string; stratum: Stratum; frameId: string | null }[]): Promise<void> {
  if (members.length === 0) return;
  const rows = await tx.query<{ id: number | string; code: string }>(
    `insert into survey_sample_member (survey_id, code, age_band, sex, area)
     select $1, c, a, s, r from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as m(c, a, s, r)
     returning id, code`,
    [surveyId, members.map((m) => m.code), members.map((m) => m.stratum.age_band), members.map((m) => m.stratum.sex), members.map((m) => m.stratum.area)],
  );
  const idOf = new Map(rows.map((r) => [r.code, Number(r.id)]));
  const identified = members.filter((m) => m.frameId !== null);
  await tx.query(
    `insert into survey_sample_identity (sample_member_id, survey_id, frame_id)
     select i, $1, f from unnest($2::bigint[], $3::text[]) as x(i, f)`,
    [surveyId, identified.map((m) => idOf.get(m.code)!), identified.map((m) => m.frameId!)],
  );
}

export type LetterRecipient = { code: string; frameId: string | null; stratum: Stratum };

/** In frame order (as imported), so that letters come out in the order of the register extract. */
export async function listRecipients(db: Queryable, surveyId: number): Promise<LetterRecipient[]> {
  const rows = await db.query<{ code: string; frame_id: string | null; age_band: string | null; sex: string | null; area: string | null }>(
    `select m.code, i.frame_id, m.age_band, m.sex, m.area
       from survey_sample_member m left join survey_sample_identity i on i.sample_member_id = m.id
      where m.survey_id = $1 order by m.id`,
    [surveyId],
  );
  return rows.map((r) => ({ code: r.code, frameId: r.frame_id, stratum: { age_band: r.age_band, sex: r.sex, area: r.area } }));
}

/** Members without a frame identifier per stratum: the counts recorded without a frame (domain/strata.ts). */
export async function recordedStrata(db: Queryable, surveyId: number): Promise<{ stratum: Stratum; sampled: number }[]> {
  const rows = await db.query<{ age_band: string | null; sex: string | null; area: string | null; n: number | string }>(
    `select m.age_band, m.sex, m.area, count(*) as n
       from survey_sample_member m
      where m.survey_id = $1 and not exists (select 1 from survey_sample_identity i where i.sample_member_id = m.id)
      group by m.age_band, m.sex, m.area`,
    [surveyId],
  );
  return rows.map((r) => ({ stratum: { age_band: r.age_band, sex: r.sex, area: r.area }, sampled: Number(r.n) }));
}

export async function countIdentities(db: Queryable, surveyId: number): Promise<number> {
  const [row] = await db.query<{ n: number | string }>("select count(*) as n from survey_sample_identity where survey_id = $1", [surveyId]);
  return Number(row!.n);
}

export async function deleteIdentities(tx: Queryable, surveyId: number, userId: number): Promise<number> {
  const rows = await tx.query("delete from survey_sample_identity where survey_id = $1 returning sample_member_id", [surveyId]);
  await tx.query(
    `insert into survey_fieldwork (survey_id, link_destroyed_at, link_destroyed_by) values ($1, now(), $2)
     on conflict (survey_id) do update set link_destroyed_at = now(), link_destroyed_by = $2`,
    [surveyId, userId],
  );
  return rows.length;
}

/** Sampled and responded per stratum: a member counts as responded once it has a submitted response on any channel. */
export async function stratumCounts(db: Queryable, surveyId: number): Promise<StratumCount[]> {
  const rows = await db.query<{ age_band: string | null; sex: string | null; area: string | null; sampled: number | string; responded: number | string }>(
    `select m.age_band, m.sex, m.area, count(*) as sampled,
            count(*) filter (where exists (
              select 1 from survey_member_response mr join survey_response r on r.id = mr.response_id
               where mr.sample_member_id = m.id and r.state = 'submitted')) as responded
       from survey_sample_member m where m.survey_id = $1
      group by m.age_band, m.sex, m.area`,
    [surveyId],
  );
  return rows.map((r) => ({ ageBand: r.age_band, sex: r.sex, area: r.area, sampled: Number(r.sampled), responded: Number(r.responded) }));
}

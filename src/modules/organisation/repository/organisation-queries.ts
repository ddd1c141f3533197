/**
 * Read queries of the organisation registry. Every query takes the
 * municipality: an id from a URL or a form is only looked up within it.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { PlanFile } from "../../plan/plan-file-schema.ts";
import type { Bureau, DivisionEntry, DivisionReferences, Member } from "../organisation.ts";

export async function listBureaus(db: Queryable, municipalityId: number): Promise<Bureau[]> {
  return db.query<Bureau>("select id, name from bureau where municipality_id = $1 order by name, id", [municipalityId]);
}

export async function findBureau(db: Queryable, municipalityId: number, bureauId: number): Promise<Bureau | undefined> {
  const [row] = await db.query<Bureau>("select id, name from bureau where municipality_id = $1 and id = $2", [municipalityId, bureauId]);
  return row;
}

type DivisionRow = { id: number; name: string; bureau_id: number | null; bureau_name: string | null; member_count: number; initiative_count: number };

const DIVISIONS = `
  select d.id, d.name, b.id as bureau_id, b.name as bureau_name,
         (select count(*) from app_user u where u.division_id = d.id) as member_count,
         (select count(distinct x.initiative_id) from initiative_division x where x.division_id = d.id) as initiative_count
    from division d left join bureau b on b.id = d.bureau_id`;

const toEntry = (r: DivisionRow): DivisionEntry => ({
  id: r.id,
  name: r.name,
  bureau: r.bureau_id === null ? null : { id: r.bureau_id, name: r.bureau_name! },
  memberCount: Number(r.member_count),
  initiativeCount: Number(r.initiative_count),
});

export async function listDivisionEntries(db: Queryable, municipalityId: number): Promise<DivisionEntry[]> {
  const rows = await db.query<DivisionRow>(`${DIVISIONS} where d.municipality_id = $1 order by d.name, d.id`, [municipalityId]);
  return rows.map(toEntry);
}

export async function findDivisionEntry(db: Queryable, municipalityId: number, divisionId: number): Promise<DivisionEntry | undefined> {
  const rows = await db.query<DivisionRow>(`${DIVISIONS} where d.municipality_id = $1 and d.id = $2`, [municipalityId, divisionId]);
  return rows[0] && toEntry(rows[0]);
}

/** Whether another bureau (or division) of the municipality has the name already. */
export async function bureauNameTaken(db: Queryable, municipalityId: number, name: string, exceptId = 0): Promise<boolean> {
  const rows = await db.query("select 1 from bureau where municipality_id = $1 and name = $2 and id <> $3", [municipalityId, name, exceptId]);
  return rows.length > 0;
}

export async function divisionNameTaken(db: Queryable, municipalityId: number, name: string, exceptId = 0): Promise<boolean> {
  const rows = await db.query("select 1 from division where municipality_id = $1 and name = $2 and id <> $3", [municipalityId, name, exceptId]);
  return rows.length > 0;
}

export async function countDivisionsOfBureau(db: Queryable, bureauId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>("select count(*) as n from division where bureau_id = $1", [bureauId]);
  return Number(row!.n);
}

export async function listMembers(db: Queryable, municipalityId: number, divisionId: number): Promise<Member[]> {
  return db.query<Member>(
    `select id, login_id as "loginId", display_name as "displayName" from app_user
      where municipality_id = $1 and division_id = $2 order by lower(login_id)`,
    [municipalityId, divisionId],
  );
}

/** Initiatives of the municipality's plans (published content) and open drafts that name the division, and its staff. */
export async function divisionReferences(db: Queryable, municipalityId: number, division: { id: number; name: string }): Promise<DivisionReferences> {
  const initiatives = await db.query<{ planCode: string; number: number; title: string }>(
    `select distinct p.code as "planCode", i.number, i.title
       from initiative_division x join initiative i on i.id = x.initiative_id join plan p on p.id = i.plan_id
      where p.municipality_id = $1 and x.division_id = $2 order by p.code, i.number`,
    [municipalityId, division.id],
  );
  const [drafts] = await db.query<{ n: number }>(
    `select count(*) as n from plan_revision r join plan p on p.id = r.plan_id
      where p.municipality_id = $1 and r.status = 'draft'
        and jsonb_path_exists(r.content, '$.initiatives[*].divisions[*] ? (@.kind == "division" && @.name == $name)',
                              jsonb_build_object('name', $2::text))`,
    [municipalityId, division.name],
  );
  const [members] = await db.query<{ n: number }>("select count(*) as n from app_user where municipality_id = $1 and division_id = $2", [
    municipalityId,
    division.id,
  ]);
  return { initiatives, drafts: Number(drafts!.n), members: Number(members!.n) };
}

export type OpenDraft = { revisionId: number; planId: number; lockVersion: number; content: PlanFile };

/** The open drafts of the municipality's plans, with their content. */
export async function listOpenDrafts(db: Queryable, municipalityId: number): Promise<OpenDraft[]> {
  return db.query<OpenDraft>(
    `select r.id as "revisionId", r.plan_id as "planId", r.lock_version as "lockVersion", r.content
       from plan_revision r join plan p on p.id = r.plan_id
      where p.municipality_id = $1 and r.status = 'draft' order by r.id`,
    [municipalityId],
  );
}

export async function findMemberCandidate(db: Queryable, municipalityId: number, userId: number): Promise<(Member & { divisionId: number | null }) | undefined> {
  const [row] = await db.query<Member & { divisionId: number | null }>(
    `select id, login_id as "loginId", display_name as "displayName", division_id as "divisionId"
       from app_user where municipality_id = $1 and id = $2`,
    [municipalityId, userId],
  );
  return row;
}

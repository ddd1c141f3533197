/**
 * Read queries of plan revisions. Every query is scoped by a plan id (the
 * portal finds it through the municipality) or returns the revision's
 * municipality, so a handler can authorise the row before acting on it.
 */
import type { Queryable } from "../../../../core/db/database.ts";
import type { PlanFile } from "../../plan-file-schema.ts";
import type { Revision, RevisionHeader, RevisionStatus } from "../revision.ts";

const HEADER_COLUMNS = `r.id, r.plan_id, p.municipality_id, r.number, r.status, r.reason, r.lock_version,
  r.created_by_user_id, r.created_by_label, r.created_at,
  r.published_by_user_id, r.published_by_label, r.published_at`;

/** A revision with its content and its plan's municipality. */
export async function findRevision(db: Queryable, revisionId: number): Promise<Revision | undefined> {
  const rows = await db.query<HeaderRow & { content: PlanFile }>(
    `select ${HEADER_COLUMNS}, r.content from plan_revision r join plan p on p.id = r.plan_id where r.id = $1`,
    [revisionId],
  );
  return rows[0] && toRevision(rows[0]);
}

export async function findDraft(db: Queryable, planId: number): Promise<Revision | undefined> {
  const rows = await db.query<HeaderRow & { content: PlanFile }>(
    `select ${HEADER_COLUMNS}, r.content from plan_revision r join plan p on p.id = r.plan_id
      where r.plan_id = $1 and r.status = 'draft'`,
    [planId],
  );
  return rows[0] && toRevision(rows[0]);
}

/** The newest published revision: the content the plan's tables hold. */
export async function findLatestPublished(db: Queryable, planId: number): Promise<Revision | undefined> {
  const rows = await db.query<HeaderRow & { content: PlanFile }>(
    `select ${HEADER_COLUMNS}, r.content from plan_revision r join plan p on p.id = r.plan_id
      where r.plan_id = $1 and r.status = 'published' order by r.number desc limit 1`,
    [planId],
  );
  return rows[0] && toRevision(rows[0]);
}

/** The plan's published revisions, oldest first, without their content. */
export async function listPublished(db: Queryable, planId: number): Promise<RevisionHeader[]> {
  const rows = await db.query<HeaderRow>(
    `select ${HEADER_COLUMNS} from plan_revision r join plan p on p.id = r.plan_id
      where r.plan_id = $1 and r.status = 'published' order by r.number`,
    [planId],
  );
  return rows.map(toHeader);
}

/** Published contents by revision number (published content never changes, so callers may cache it). */
export async function loadPublishedContents(db: Queryable, planId: number, numbers: number[]): Promise<Map<number, PlanFile>> {
  const rows = await db.query<{ number: number; content: PlanFile }>(
    `select number, content from plan_revision
      where plan_id = $1 and status = 'published' and number = any($2::int[])`,
    [planId, numbers],
  );
  return new Map(rows.map((r) => [r.number, r.content]));
}

export async function nextRevisionNumber(db: Queryable, planId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "select coalesce(max(number), 0) + 1 as n from plan_revision where plan_id = $1",
    [planId],
  );
  return row!.n;
}

type HeaderRow = {
  id: number;
  plan_id: number;
  municipality_id: number;
  number: number;
  status: RevisionStatus;
  reason: string | null;
  lock_version: number;
  created_by_user_id: number | null;
  created_by_label: string;
  created_at: Date;
  published_by_user_id: number | null;
  published_by_label: string | null;
  published_at: Date | null;
};

function toHeader(r: HeaderRow): RevisionHeader {
  return {
    id: r.id,
    planId: r.plan_id,
    municipalityId: r.municipality_id,
    number: r.number,
    status: r.status,
    reason: r.reason,
    lockVersion: r.lock_version,
    createdBy: { userId: r.created_by_user_id, label: r.created_by_label },
    createdAt: new Date(r.created_at),
    publishedBy: r.published_by_label === null ? null : { userId: r.published_by_user_id, label: r.published_by_label },
    publishedAt: r.published_at === null ? null : new Date(r.published_at),
  };
}

function toRevision(r: HeaderRow & { content: PlanFile }): Revision {
  return { ...toHeader(r), content: r.content };
}

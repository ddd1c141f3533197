/**
 * The job queue's SQL. Claiming is one statement: the oldest due job, locked
 * with FOR UPDATE SKIP LOCKED (a job another worker is claiming is skipped,
 * not waited for), is marked running under a lease. A running job whose
 * lease has run out belongs to a worker that stopped: it is due again.
 * Every write by a worker names it (locked_by), so a worker whose lease was
 * taken over can no longer change the job.
 */
import type { Queryable } from "../db/database.ts";
import { backoffMs, type Job, type NewJob } from "./job.ts";

type JobRow = {
  id: string | number;
  kind: string;
  municipality_id: number | null;
  payload: Record<string, unknown>;
  dedupe_key: string | null;
  state: Job["state"];
  attempts: number;
  max_attempts: number;
  run_after: Date;
  locked_by: string | null;
  locked_until: Date | null;
  progress: number;
  progress_label: string | null;
  error: string | null;
  requested_by_label: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

const date = (d: Date | null) => (d === null ? null : new Date(d));

export const toJob = (r: JobRow): Job => ({
  id: Number(r.id),
  kind: r.kind,
  municipalityId: r.municipality_id,
  payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload,
  dedupeKey: r.dedupe_key,
  state: r.state,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  runAfter: new Date(r.run_after),
  lockedBy: r.locked_by,
  lockedUntil: date(r.locked_until),
  progress: r.progress,
  progressLabel: r.progress_label,
  error: r.error,
  requestedByLabel: r.requested_by_label,
  createdAt: new Date(r.created_at),
  startedAt: date(r.started_at),
  finishedAt: date(r.finished_at),
});

/**
 * Queues a job; returns it, or the job already queued or running under the
 * same key (then nothing is added).
 */
export async function enqueueJob(db: Queryable, job: NewJob): Promise<{ job: Job; added: boolean }> {
  const inserted = await db.query<JobRow>(
    `insert into job (kind, municipality_id, payload, dedupe_key, max_attempts, run_after, requested_by_label)
     values ($1, $2, $3::jsonb, $4, $5, coalesce($6::timestamptz, now()), $7)
     on conflict (kind, dedupe_key) where state in ('queued', 'running') and dedupe_key is not null do nothing
     returning *`,
    [job.kind, job.municipalityId, JSON.stringify(job.payload ?? {}), job.dedupeKey ?? null, job.maxAttempts ?? 3, job.runAfter ?? null, job.requestedByLabel ?? null],
  );
  if (inserted[0]) return { job: toJob(inserted[0]), added: true };
  const [existing] = await db.query<JobRow>(
    "select * from job where kind = $1 and dedupe_key = $2 and state in ('queued', 'running') limit 1",
    [job.kind, job.dedupeKey ?? null],
  );
  if (!existing) throw new Error("job neither added nor found (its key's job finished meanwhile): try again");
  return { job: toJob(existing), added: false };
}

/**
 * Takes the next due job of the given kinds for this worker, or none. A job
 * whose lease ran out after its last allowed attempt is marked failed here
 * instead of being run again.
 */
export async function claimJob(db: Queryable, workerId: string, kinds: readonly string[], leaseMs: number): Promise<Job | undefined> {
  await db.query(
    `update job set state = 'failed', locked_by = null, locked_until = null, finished_at = now(), updated_at = now(),
            error = coalesce(error || ' / ', '') || '処理中のプロセスが停止し、再試行の上限に達しました'
      where state = 'running' and locked_until < now() and attempts >= max_attempts and kind = any($1::text[])`,
    [kinds],
  );
  const [row] = await db.query<JobRow>(
    `update job set state = 'running', attempts = attempts + 1, locked_by = $1,
            locked_until = now() + $3 * interval '1 millisecond', started_at = now(), updated_at = now(),
            progress = 0, progress_label = null
      where id = (
        select id from job
         where kind = any($2::text[])
           and ((state = 'queued' and run_after <= now())
             or (state = 'running' and locked_until < now() and attempts < max_attempts))
         order by run_after, id
         limit 1
         for update skip locked)
      returning *`,
    [workerId, kinds, leaseMs],
  );
  return row && toJob(row);
}

/** Writes progress and renews the lease; false when the job is no longer this worker's. */
export async function reportProgress(db: Queryable, jobId: number, workerId: string, progress: number, label: string, leaseMs: number): Promise<boolean> {
  const rows = await db.query(
    `update job set progress = $3, progress_label = $4, locked_until = now() + $5 * interval '1 millisecond', updated_at = now()
      where id = $1 and locked_by = $2 and state = 'running' returning id`,
    [jobId, workerId, Math.max(0, Math.min(100, Math.round(progress))), label, leaseMs],
  );
  return rows.length > 0;
}

export async function completeJob(db: Queryable, jobId: number, workerId: string): Promise<boolean> {
  const rows = await db.query(
    `update job set state = 'done', progress = 100, progress_label = null, error = null, locked_by = null, locked_until = null,
            finished_at = now(), updated_at = now()
      where id = $1 and locked_by = $2 and state = 'running' returning id`,
    [jobId, workerId],
  );
  return rows.length > 0;
}

/** A failed attempt: queued again after a growing delay, or failed for good after the last attempt. */
export async function failJob(db: Queryable, job: Pick<Job, "id" | "attempts" | "maxAttempts">, workerId: string, message: string): Promise<"retry" | "failed" | "lost"> {
  const final = job.attempts >= job.maxAttempts;
  const rows = await db.query(
    `update job set state = $3, error = $4, locked_by = null, locked_until = null, updated_at = now(),
            run_after = case when $3 = 'queued' then now() + $5 * interval '1 millisecond' else run_after end,
            finished_at = case when $3 = 'failed' then now() else null end
      where id = $1 and locked_by = $2 and state = 'running' returning id`,
    [job.id, workerId, final ? "failed" : "queued", message.slice(0, 2000), backoffMs(job.attempts)],
  );
  if (rows.length === 0) return "lost";
  return final ? "failed" : "retry";
}

export async function findJob(db: Queryable, jobId: number): Promise<Job | undefined> {
  const [row] = await db.query<JobRow>("select * from job where id = $1", [jobId]);
  return row && toJob(row);
}

/** The newest job per key among the given keys (the staff pages show each document's). */
export async function latestJobsByKey(db: Queryable, municipalityId: number, kind: string, keys: readonly string[]): Promise<Map<string, Job>> {
  const rows = await db.query<JobRow>(
    `select distinct on (dedupe_key) * from job
      where municipality_id = $1 and kind = $2 and dedupe_key = any($3::text[])
      order by dedupe_key, id desc`,
    [municipalityId, kind, keys],
  );
  return new Map(rows.map((r) => [r.dedupe_key!, toJob(r)]));
}

/**
 * Background jobs (decision 017): plain types and the retry rule. A job is
 * one row of the `job` table (migrations/0011_jobs.sql); the queue's SQL is in
 * job-queries.ts and the worker loop in job-runner.ts.
 */
export type JobState = "queued" | "running" | "done" | "failed";

export type Job = {
  id: number;
  kind: string;
  municipalityId: number | null;
  payload: Record<string, unknown>;
  dedupeKey: string | null;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAfter: Date;
  lockedBy: string | null;
  lockedUntil: Date | null;
  /** 0–100, written by the worker. */
  progress: number;
  /** What the worker is doing, in Japanese, for the pages that show progress. */
  progressLabel: string | null;
  error: string | null;
  requestedByLabel: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export type NewJob = {
  kind: string;
  municipalityId: number | null;
  payload?: Record<string, unknown>;
  /** At most one queued or running job per kind and key: asking again while one waits adds nothing. */
  dedupeKey?: string;
  maxAttempts?: number;
  runAfter?: Date;
  requestedByLabel?: string;
};

/** Retry delay after the n-th failed attempt: 30 s, 2 min, 8 min … at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 4 ** Math.max(0, attempts - 1));
}

/** Reports what a running job is doing; also renews its lease. */
export type ProgressReporter = (progress: number, label: string) => Promise<void>;

export type JobHandler = (job: Job, progress: ProgressReporter) => Promise<void>;

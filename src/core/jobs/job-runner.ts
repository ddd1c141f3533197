/**
 * Runs queued jobs in the server process (started from src/main.ts beside
 * the mail dispatcher and the reminder timer). One job at a time per
 * process: the jobs so far (PDF builds) use a whole browser, and the machine
 * serving citizens should not run several at once. Several processes on one
 * PostgreSQL each run their own runner; the queue hands every job to one.
 *
 * It polls (every pollMs) and can be woken at once by wake() after a job
 * is queued in this process. stop() waits for the job in hand to finish.
 */
import { hostname } from "node:os";
import type { Database } from "../db/database.ts";
import type { Job, JobHandler } from "./job.ts";
import { claimJob, completeJob, failJob, reportProgress } from "./job-queries.ts";

export type JobRunnerOptions = {
  /** Between looks at the queue when it was empty. */
  pollMs?: number;
  /** How long a claimed job stays this worker's without a sign of life (progress renews it). */
  leaseMs?: number;
  workerId?: string;
  log?: Pick<Console, "log" | "error">;
};

export class JobRunner {
  readonly workerId: string;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly log: Pick<Console, "log" | "error">;
  private timer: NodeJS.Timeout | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly db: Database,
    private readonly handlers: Readonly<Record<string, JobHandler>>,
    options: JobRunnerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 2000;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.log = options.log ?? console;
  }

  start(): void {
    this.stopping = false;
    this.wake();
  }

  /** Look at the queue now (a job was just queued) instead of at the next poll. */
  wake(): void {
    if (this.stopping || this.loop) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.loop = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.log.error("ジョブの取得に失敗しました:", error instanceof Error ? error.message : error))
      .finally(() => {
        this.loop = undefined;
        if (!this.stopping) {
          this.timer = setTimeout(() => this.wake(), this.pollMs);
          this.timer.unref();
        }
      });
  }

  /**
   * Stops taking jobs and waits for the one in hand, at most graceMs: a job
   * left running then is taken again by any runner once its lease runs out.
   */
  async stop(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise((resolve) => (timeout = setTimeout(resolve, graceMs)))]);
    clearTimeout(timeout);
  }

  /** Runs due jobs until none is left (or stop() is called); returns how many ran. */
  async drain(): Promise<number> {
    let ran = 0;
    while (!this.stopping) {
      const job = await claimJob(this.db, this.workerId, Object.keys(this.handlers), this.leaseMs);
      if (!job) break;
      await this.run(job);
      ran++;
    }
    return ran;
  }

  private async run(job: Job): Promise<void> {
    const handler = this.handlers[job.kind]!;
    try {
      await handler(job, async (progress, label) => {
        await reportProgress(this.db, job.id, this.workerId, progress, label, this.leaseMs);
      });
      await completeJob(this.db, job.id, this.workerId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const outcome = await failJob(this.db, job, this.workerId, message);
      this.log.error(`ジョブ ${job.id}（${job.kind}）が失敗しました（${job.attempts}回目、${outcome === "retry" ? "後で再試行します" : "再試行しません"}）: ${message}`);
    }
  }
}

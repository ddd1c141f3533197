/**
 * The job queue (core/jobs, decision 017) on both databases: a job is taken
 * by one worker only, a job whose worker stopped is taken again once its
 * lease runs out, a failure is retried later and then given up, and one
 * document has at most one queued build.
 */
import { expect, it } from "vitest";
import { claimJob, completeJob, enqueueJob, failJob, findJob, reportProgress } from "../../src/core/jobs/job-queries.ts";
import { JobRunner } from "../../src/core/jobs/job-runner.ts";
import { backoffMs } from "../../src/core/jobs/job.ts";
import { describeEachDatabase } from "../support/databases.ts";

const quiet = { log: () => {}, error: () => {} };

describeEachDatabase("job queue", (ctx) => {
  it("hands a job to one of two workers claiming at once", async () => {
    const { job } = await enqueueJob(ctx.db, { kind: "test_claim", municipalityId: null, payload: { n: 1 } });
    const [a, b] = await Promise.all([claimJob(ctx.db, "worker-a", ["test_claim"], 60_000), claimJob(ctx.db, "worker-b", ["test_claim"], 60_000)]);
    const claimed = [a, b].filter((x) => x !== undefined);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]!.id).toBe(job.id);
    expect(claimed[0]!.state).toBe("running");
    expect(claimed[0]!.attempts).toBe(1);
    expect(claimed[0]!.payload).toEqual({ n: 1 });
    // The other worker cannot write to it.
    const other = claimed[0]!.lockedBy === "worker-a" ? "worker-b" : "worker-a";
    expect(await reportProgress(ctx.db, job.id, other, 50, "x", 60_000)).toBe(false);
    expect(await completeJob(ctx.db, job.id, claimed[0]!.lockedBy!)).toBe(true);
    expect((await findJob(ctx.db, job.id))!.state).toBe("done");
  });

  it("takes a running job again when its lease has run out, and the first worker loses it", async () => {
    const { job } = await enqueueJob(ctx.db, { kind: "test_lease", municipalityId: null });
    const first = await claimJob(ctx.db, "dying", ["test_lease"], 60_000);
    expect(first?.id).toBe(job.id);
    expect(await claimJob(ctx.db, "other", ["test_lease"], 60_000)).toBeUndefined();
    // The dying process's lease runs out.
    await ctx.db.query("update job set locked_until = now() - interval '1 second' where id = $1", [job.id]);
    const again = await claimJob(ctx.db, "other", ["test_lease"], 60_000);
    expect(again?.id).toBe(job.id);
    expect(again?.attempts).toBe(2);
    expect(await completeJob(ctx.db, job.id, "dying")).toBe(false);
    expect(await completeJob(ctx.db, job.id, "other")).toBe(true);
  });

  it("retries a failed job after a growing delay, then gives up after its last attempt", async () => {
    const { job } = await enqueueJob(ctx.db, { kind: "test_retry", municipalityId: null, maxAttempts: 2 });
    const first = (await claimJob(ctx.db, "w", ["test_retry"], 60_000))!;
    expect(await failJob(ctx.db, first, "w", "一時的な失敗")).toBe("retry");
    const queued = (await findJob(ctx.db, job.id))!;
    expect(queued.state).toBe("queued");
    expect(queued.error).toBe("一時的な失敗");
    const delay = queued.runAfter.getTime() - Date.now();
    expect(delay).toBeGreaterThan(backoffMs(1) - 10_000);
    // Not due yet: nobody takes it.
    expect(await claimJob(ctx.db, "w", ["test_retry"], 60_000)).toBeUndefined();
    await ctx.db.query("update job set run_after = now() where id = $1", [job.id]);
    const second = (await claimJob(ctx.db, "w", ["test_retry"], 60_000))!;
    expect(second.attempts).toBe(2);
    expect(await failJob(ctx.db, second, "w", "また失敗")).toBe("failed");
    const failed = (await findJob(ctx.db, job.id))!;
    expect(failed.state).toBe("failed");
    expect(failed.finishedAt).not.toBeNull();
    expect(await claimJob(ctx.db, "w", ["test_retry"], 60_000)).toBeUndefined();
    expect(backoffMs(2)).toBeGreaterThan(backoffMs(1));
  });

  it("marks a job failed when its worker stopped during the last attempt", async () => {
    const { job } = await enqueueJob(ctx.db, { kind: "test_dead", municipalityId: null, maxAttempts: 1 });
    await claimJob(ctx.db, "dying", ["test_dead"], 60_000);
    await ctx.db.query("update job set locked_until = now() - interval '1 second' where id = $1", [job.id]);
    expect(await claimJob(ctx.db, "other", ["test_dead"], 60_000)).toBeUndefined();
    const failed = (await findJob(ctx.db, job.id))!;
    expect(failed.state).toBe("failed");
    expect(failed.error).toContain("停止");
  });

  it("keeps one queued job per key", async () => {
    const a = await enqueueJob(ctx.db, { kind: "test_key", municipalityId: null, dedupeKey: "doc-1" });
    const b = await enqueueJob(ctx.db, { kind: "test_key", municipalityId: null, dedupeKey: "doc-1" });
    expect(a.added).toBe(true);
    expect(b.added).toBe(false);
    expect(b.job.id).toBe(a.job.id);
    const c = await enqueueJob(ctx.db, { kind: "test_key", municipalityId: null, dedupeKey: "doc-2" });
    expect(c.added).toBe(true);
  });

  it("runs jobs through the runner: progress, done, and a thrown error becomes a retry", async () => {
    const ok = await enqueueJob(ctx.db, { kind: "test_runner_ok", municipalityId: null });
    const bad = await enqueueJob(ctx.db, { kind: "test_runner_bad", municipalityId: null });
    const seen: number[] = [];
    const runner = new JobRunner(
      ctx.db,
      {
        test_runner_ok: async (job, progress) => {
          await progress(40, "半分");
          seen.push((await findJob(ctx.db, job.id))!.progress);
        },
        test_runner_bad: async () => {
          throw new Error("壊れています");
        },
      },
      { log: quiet },
    );
    expect(await runner.drain()).toBe(2);
    expect(seen).toEqual([40]);
    expect((await findJob(ctx.db, ok.job.id))!.state).toBe("done");
    const retried = (await findJob(ctx.db, bad.job.id))!;
    expect(retried.state).toBe("queued");
    expect(retried.error).toBe("壊れています");
  });
});

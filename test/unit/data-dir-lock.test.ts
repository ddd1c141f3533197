import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { DataDirLockedError, lockDataDir, processIdentity } from "../../src/core/db/data-dir-lock.ts";

const made: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "dx-plan-lock-"));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("data directory lock", () => {
  it("refuses a second holder while the first runs, and frees on release", () => {
    const dir = freshDir();
    const first = lockDataDir(dir);
    // The holder is this very process, which is running: a second lock is refused.
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    first.release();
    lockDataDir(dir).release();
  });

  it("takes over a lock left by a process that no longer runs", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "dx-plan.lock"), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname() }));
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, "dx-plan.lock"), "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it.skipIf(!existsSync("/proc/self/stat"))("takes over a lock whose process id now belongs to another process (a restart reused it)", () => {
    const dir = freshDir();
    // The parent process runs, but it is not the one that wrote this lock: it started at another time.
    const reused = { ...processIdentity(process.ppid), startTime: "1" };
    writeFileSync(join(dir, "dx-plan.lock"), JSON.stringify({ ...reused, host: hostname() }));
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, "dx-plan.lock"), "utf8"))).toMatchObject(processIdentity(process.pid));
    lock.release();
  });

  it("takes over a lock written before the machine restarted", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "dx-plan.lock"), JSON.stringify({ ...processIdentity(process.ppid), bootId: "an-earlier-boot", host: hostname() }));
    lockDataDir(dir).release();
  });

  it("still refuses a live holder recorded with its identity", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "dx-plan.lock"), JSON.stringify({ ...processIdentity(process.ppid), host: hostname() }));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });

  it("refuses a lock held from another machine, since it cannot tell whether that still runs", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "dx-plan.lock"), JSON.stringify({ pid: 1, host: "another-host" }));
    expect(() => lockDataDir(dir)).toThrow(/使用中/);
  });
});

/**
 * PGlite does not lock its data directory, and two processes writing to one
 * directory corrupt it. This lock file makes a second process refuse to start
 * with a clear message instead. A lock left by a process that no longer runs
 * (a crash, a power cut) is taken over, so a restart never needs manual cleanup.
 */
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly holderPid: number) {
    super(
      `データディレクトリ ${dataDir} は別のプロセス（PID ${holderPid}）が使用中です。` +
        "組み込みデータベースは同時に1つのプロセスしか開けません。先に起動したプロセスを停止してから起動してください。",
    );
  }
}

export type DataDirLock = { release(): void };

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "dx-plan.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(file);
      if (holder && holder.host === hostname() && isRunning(holder.pid)) {
        throw new DataDirLockedError(dataDir, holder.pid);
      }
      if (holder && holder.host !== hostname()) {
        // Another machine (a shared volume): we cannot tell whether it still runs.
        throw new DataDirLockedError(dataDir, holder.pid);
      }
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`データディレクトリ ${dataDir} のロックを取得できませんでした`);
}

function readHolder(file: string): { pid: number; host: string } | undefined {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as { pid?: unknown; host?: unknown };
    return typeof data.pid === "number" && typeof data.host === "string" ? { pid: data.pid, host: data.host } : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

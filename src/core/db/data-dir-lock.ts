/**
 * PGlite does not lock its data directory, and two processes writing to one
 * directory corrupt it. This lock file makes a second process refuse to start
 * with a clear message instead. A lock left by a process that no longer runs
 * (a crash, a power cut) is taken over, so a restart never needs manual cleanup.
 *
 * A process id alone does not say that the holder still runs: after a reboot
 * or a container restart the id is soon reused by another process. The lock
 * therefore also records the kernel's boot id and the holder's start time
 * (Linux /proc); a live process with that id but another start time is not
 * the holder. Where /proc is missing, only the id is compared.
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
      writeSync(fd, JSON.stringify({ ...processIdentity(process.pid), host: hostname(), since: new Date().toISOString() }));
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
      if (holder && holder.host === hostname() && isHolderRunning(holder)) {
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

type Identity = { pid: number; bootId?: string; startTime?: string };
type Holder = Identity & { host: string };

function readHolder(file: string): Holder | undefined {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as { pid?: unknown; host?: unknown; bootId?: unknown; startTime?: unknown };
    if (typeof data.pid !== "number" || typeof data.host !== "string") return undefined;
    return {
      pid: data.pid,
      host: data.host,
      bootId: typeof data.bootId === "string" ? data.bootId : undefined,
      startTime: typeof data.startTime === "string" ? data.startTime : undefined,
    };
  } catch {
    return undefined;
  }
}

/** The process id with what tells this process apart from a later one with the same id. */
export function processIdentity(pid: number): Identity {
  return { pid, bootId: readProc("/proc/sys/kernel/random/boot_id")?.trim(), startTime: startTimeOf(pid) };
}

/** Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot. */
function startTimeOf(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces: count from its end.
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function isHolderRunning(holder: Holder): boolean {
  if (!isRunning(holder.pid)) return false;
  const now = processIdentity(holder.pid);
  // Recorded before a reboot, or by another process that had the same id: not the holder.
  if (holder.bootId && now.bootId && holder.bootId !== now.bootId) return false;
  if (holder.startTime && now.startTime && holder.startTime !== now.startTime) return false;
  return true;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

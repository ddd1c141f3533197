import { existsSync, readdirSync } from "node:fs";
import { spawn } from "node:child_process";

/**
 * PostgreSQL's own client programs (pg_dump, pg_restore): the newest
 * installed version in Debian's /usr/lib/postgresql/N/bin, which can dump
 * servers of its own and older versions, else whatever is on PATH.
 * PG_BIN_DIR overrides both (e.g. for a server newer than the packages).
 */
export function pgTool(name: "pg_dump" | "pg_restore", env: NodeJS.ProcessEnv = process.env): string {
  if (env.PG_BIN_DIR) return `${env.PG_BIN_DIR}/${name}`;
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v) && existsSync(`${root}/${v}/bin/${name}`))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return `${root}/${versions[0]}/bin/${name}`;
  }
  return name;
}

/** Runs a client program; resolves with its stderr, rejects with it (and the exit code) on failure. */
export function runPgTool(program: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === "ENOENT" ? `${program} が見つかりません（Debian では postgresql-client パッケージ）。PG_BIN_DIR で場所を指定できます` : error.message)),
    );
    child.on("close", (code) => (code === 0 ? resolve(stderr) : reject(new Error(`${program} が失敗しました（終了コード ${code}）: ${stderr.trim()}`))));
  });
}

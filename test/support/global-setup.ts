/**
 * Starts what the integration tests need once for the whole run: a
 * throwaway PostgreSQL cluster on loopback (unless TEST_DATABASE_URL points
 * at one). Under CI a missing PostgreSQL is a failure; elsewhere the
 * PostgreSQL half of the tests is skipped with the reason printed.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

const SCRIPT = new URL("../../scripts/postgres-cluster.sh", import.meta.url).pathname;

export default function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide("postgresUrl", process.env.TEST_DATABASE_URL);
    return;
  }
  const parent = mkdtempSync(join(tmpdir(), "dx-plan-pg-"));
  chmodSync(parent, 0o755); // as root the cluster runs as 'postgres', which must reach it
  const dir = join(parent, "cluster");
  const port = String(20000 + Math.floor(Math.random() * 20000));
  try {
    const url = execFileSync("bash", [SCRIPT, "start", dir, port], { encoding: "utf8" }).trim();
    project.provide("postgresUrl", url);
  } catch (error) {
    const reason = `PostgreSQL サーバーを起動できません: ${(error as Error).message.split("\n")[0]}`;
    if (process.env.CI) throw new Error(`${reason}（CI では必須です）`);
    console.warn(`\n[skip] PostgreSQL サーバーでのテストを省略します — ${reason}\n`);
    project.provide("postgresUrl", "");
    return;
  }
  return () => {
    execFileSync("bash", [SCRIPT, "stop", dir]);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

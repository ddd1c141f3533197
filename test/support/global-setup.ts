/**
 * Starts what the tests need once for the whole run:
 *   - a throwaway PostgreSQL cluster on loopback (unless TEST_DATABASE_URL
 *     points at one). Under CI a missing PostgreSQL is a failure; elsewhere the
 *     PostgreSQL half of the tests is skipped with the reason printed;
 *   - the starting points every test database is copied from (see
 *     test-database-seeds.ts): migrated, and migrated with Tokushima's plan
 *     loaded, as a PGlite dump file and as PostgreSQL template databases.
 *     Copying one costs a fraction of initdb + migrations + the plan import,
 *     which each of ~80 test databases otherwise repeated.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildPgliteSeeds, buildPostgresSeeds, dropPostgresSeeds, type SeedFiles } from "./test-database-seeds.ts";

const SCRIPT = new URL("../../scripts/postgres-cluster.sh", import.meta.url).pathname;

function startCluster(): { url: string; stop?: () => void } {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL };
  const parent = mkdtempSync(join(tmpdir(), "dx-plan-pg-"));
  chmodSync(parent, 0o755); // as root the cluster runs as 'postgres', which must reach it
  const dir = join(parent, "cluster");
  const port = String(20000 + Math.floor(Math.random() * 20000));
  try {
    const url = execFileSync("bash", [SCRIPT, "start", dir, port], { encoding: "utf8" }).trim();
    return { url, stop: () => execFileSync("bash", [SCRIPT, "stop", dir]) };
  } catch (error) {
    const reason = `PostgreSQL サーバーを起動できません: ${(error as Error).message.split("\n")[0]}`;
    if (process.env.CI) throw new Error(`${reason}（CI では必須です）`);
    console.warn(`\n[skip] PostgreSQL サーバーでのテストを省略します — ${reason}\n`);
    return { url: "" };
  }
}

export default async function setup(project: TestProject) {
  const cluster = startCluster();
  project.provide("postgresUrl", cluster.url);

  const seedDir = mkdtempSync(join(tmpdir(), "dx-plan-seeds-"));
  const [pglite, postgres] = await Promise.all([
    buildPgliteSeeds(seedDir),
    cluster.url ? buildPostgresSeeds(cluster.url) : Promise.resolve(undefined),
  ]);
  project.provide("pgliteSeeds", pglite);
  project.provide("postgresSeeds", postgres ?? { migrated: "", tokushima: "" });

  return async () => {
    if (cluster.url && postgres) await dropPostgresSeeds(cluster.url, postgres).catch(() => {});
    cluster.stop?.();
    rmSync(seedDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
    /** Paths of PGlite dumps, by seed. */
    pgliteSeeds: SeedFiles;
    /** Names of template databases on the PostgreSQL cluster, by seed. */
    postgresSeeds: SeedFiles;
  }
}

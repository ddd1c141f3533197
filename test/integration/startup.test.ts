/**
 * The server as a user starts it: `tsx src/main.ts` in a child process, with
 * its settings in the environment.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/core/db/open-database.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const children: ChildProcess[] = [];

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = async (text: string, ms = 150_000) => {
    const until = Date.now() + ms;
    while (!output.includes(text)) {
      if (Date.now() > until) throw new Error(`timed out waiting for "${text}"; output:\n${output}`);
      if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before "${text}":\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, exited, waitFor, output: () => output };
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

describe("npm start", () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), "dx-plan-start-")), "data");
  const port = String(30000 + Math.floor(Math.random() * 20000));

  it("creates the data directory, loads the plan on first start and serves the portal", async () => {
    const server = start({ DATA_DIR: dataDir, PORT: port });
    await server.waitFor("で公開中");
    expect(server.output()).toContain("徳島市（362018）");
    expect(server.output()).toContain("「徳島市のデジタル化に関する市民アンケート調査」を読み込みました"); // the plan's survey, beside the plan file
    const res = await fetch(`http://127.0.0.1:${port}/362018/initiatives/12`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("行政手続のオンライン化");
    // Without --demo nothing of the sample data is loaded or announced (npm start -- --demo: demo-startup.test.ts).
    expect(server.output()).not.toContain("サンプル");
    expect(page).not.toContain("demo-banner");

    // A second process on the same embedded data directory is refused, clearly.
    const second = start({ DATA_DIR: dataDir, PORT: String(Number(port) + 1) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain("別のプロセス");
    expect(second.output()).toContain(`PID ${server.child.pid}`);

    // SIGTERM: a clean stop that releases the directory.
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(existsSync(join(dataDir, "dx-plan.lock"))).toBe(false);
    const db = await openDatabase({ dataDir });
    try {
      expect(await db.query("select login_id from app_user")).toEqual([]);
      expect(await db.query("select * from demo_marker")).toEqual([]);
      expect(await db.query("select id from evaluation_cycle")).toEqual([]);
    } finally {
      await db.close();
    }
  }, 180_000); // a cold start: initdb, migrations and the plan import in a new process

  it("starts again on the same data without loading the plan twice", async () => {
    const server = start({ DATA_DIR: dataDir, PORT: port });
    await server.waitFor("で公開中");
    expect(server.output()).not.toContain("読み込みました");
    server.child.kill("SIGINT");
    expect(await server.exited).toBe(0);
  }, 180_000); // a cold start: initdb, migrations and the plan import in a new process

  it("stops at start-up on a bad setting, naming it and why", async () => {
    const server = start({ DATA_DIR: dataDir, PORT: "80000", DATABASE_URL: "mysql://x", OPEN_DATA_LICENSE: "mit" });
    expect(await server.exited).toBe(1);
    const out = server.output();
    expect(out).toContain("設定に誤りがあるため起動できません");
    expect(out).toContain("PORT: 1〜65535 の整数で指定してください");
    expect(out).toContain("DATABASE_URL: postgres://");
    expect(out).toContain("OPEN_DATA_LICENSE: pdl-1.0 または cc-by-4.0");
  });
});

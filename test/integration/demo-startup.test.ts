/**
 * `npm start -- --demo` as a newcomer runs it: sample data and the sign-in
 * instructions. That plain `npm start` loads no sample data at all is checked
 * on startup.test.ts's first start (one cold start fewer).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_NOTICE } from "../../src/modules/tenancy/demo-notice.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const children: ChildProcess[] = [];

function start(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = async (text: string, ms = 90_000) => {
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

const freshDataDir = () => join(mkdtempSync(join(tmpdir(), "dx-plan-demo-")), "data");
const port = () => String(30000 + Math.floor(Math.random() * 20000));

describe("npm start -- --demo", () => {
  it("loads the sample data and prints how to sign in as each role", async () => {
    const p = port();
    const server = start(["--demo"], { DATA_DIR: freshDataDir(), PORT: p });
    await server.waitFor("で公開中", 150_000);
    const out = server.output();
    expect(out).toContain("デモ用のサンプルデータ");
    expect(out).toContain(`http://localhost:${p}/362018/staff/sign-in`);
    for (const login of ["demo-admin", "demo-secretariat", "demo-officer", "demo-head", "demo-committee", "demo-cio", "demo-viewer"]) {
      expect(out).toContain(`ログインID ${login}`);
    }
    expect(out).toContain("パスワード sample-digital-officer-pass");
    expect(out).toContain("oathtool");
    const page = await (await fetch(`http://127.0.0.1:${p}/362018/initiatives/1`)).text();
    expect(page).toContain(DEMO_NOTICE);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }, 180_000); // a cold start: initdb, migrations and the plan import in a new process
});

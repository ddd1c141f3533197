/**
 * `npm start`: read settings, open and migrate the database, load the plan on
 * first start, serve. `npm start -- --demo` also loads sample data and prints
 * how to sign in (src/modules/demo/); without it no sample data is loaded. SIGINT/SIGTERM close the server and the database
 * cleanly (the embedded database must be closed to stay consistent).
 */
import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import { parseArgs } from "node:util";
import { createApp } from "./app.ts";
import { bootstrapPlan } from "./bootstrap.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { DataDirLockedError } from "./core/db/data-dir-lock.ts";
import { openDatabase } from "./core/db/open-database.ts";
import { jsonLines } from "./core/http/request-log.ts";
import { applyServerTimeouts } from "./core/http/server-timeouts.ts";
import { JobRunner } from "./core/jobs/job-runner.ts";
import { MailDispatcher } from "./core/mail/mail-dispatcher.ts";
import { ReminderTimer } from "./modules/cycle/reminder-timer.ts";
import { loadDemo } from "./modules/demo/load-demo.ts";
import { signInInstructions } from "./modules/demo/sign-in-instructions.ts";
import { reportJobHandlers } from "./modules/reports/build-document.ts";
import { surveyLetterJobHandlers } from "./modules/survey/fieldwork/letters/letters-job.ts";

/** How long a stop waits for requests in flight before closing the database anyway. */
const DRAIN_MS = 10_000;

async function main() {
  const { demo } = parseArgs({ options: { demo: { type: "boolean", default: false } } }).values;
  const config = loadConfig();
  const db = await openDatabase(config);
  const loaded = await bootstrapPlan(db, config).catch(async (error) => {
    await db.close();
    throw error;
  });
  if (loaded) console.log(loaded);
  if (demo) {
    const result = await loadDemo(db, { lgCode: config.bootstrapPlan?.lgCode ?? "362018" }).catch(async (error) => {
      await db.close();
      throw error;
    });
    if (!result.ok) {
      await db.close();
      throw new Error(result.message);
    }
    console.log(signInInstructions(result, config.siteUrl ?? `http://localhost:${config.port}`));
  }

  const mail = config.mail.mode === "smtp" ? new MailDispatcher(db, config.mail) : undefined;
  if (config.mail.mode === "smtp") mail?.start(config.mail.intervalSeconds * 1000);
  const reminders = new ReminderTimer(db, { daysBefore: config.reminderDays, siteUrl: config.siteUrl });
  reminders.start();
  // Background jobs (PDF builds; decision 017): one at a time in this process, shared with other processes through the job table.
  const jobs = new JobRunner(db, { ...reportJobHandlers(db), ...surveyLetterJobHandlers(db, config.siteUrl) });
  jobs.start();

  // One second of trust in a plan's version: busy pages do not ask the database each time.
  const app = createApp({ db, config, cache: { freshnessMs: 1000 }, log: jsonLines, jobs });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const where = config.databaseUrl ? "PostgreSQL サーバー" : `組み込みデータベース（${config.dataDir}）`;
    console.log(`http://localhost:${info.port}/ で公開中（${where}）。停止は Ctrl+C`);
  });
  // Idle connections outlive the reverse proxy's, so the proxy never reuses one the app is closing.
  applyServerTimeouts(server as Server);
  server.on("error", async (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === "EADDRINUSE"
        ? `ポート ${config.port} は既に使われています。PORT で別のポートを指定してください。`
        : `サーバーを起動できません: ${error.message}`,
    );
    await jobs.stop();
    await reminders.stop();
    await mail?.stop();
    await db.close();
    process.exit(1);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} を受け取りました。停止しています…`);
    // Stop taking connections and let the requests in flight finish (their
    // writes are acknowledged only once committed), at most DRAIN_MS; idle
    // keep-alive connections are closed at once so they do not hold the stop.
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
    await jobs.stop();
    await reminders.stop();
    await mail?.stop();
    await db.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error("起動できませんでした:", error instanceof Error ? error.message : error);
  }
  process.exit(1);
});

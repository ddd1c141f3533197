/**
 * The real application over a test database, for HTTP-level tests through
 * app.request() (no socket) and, via serveApp(), for browser tests.
 */
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "../../src/app.ts";
import { LICENSES } from "../../src/config.ts";
import type { Database } from "../../src/core/db/database.ts";
import { JobRunner } from "../../src/core/jobs/job-runner.ts";
import { reportJobHandlers } from "../../src/modules/reports/build-document.ts";
import { surveyLetterJobHandlers } from "../../src/modules/survey/fieldwork/letters/letters-job.ts";

export function testApp(db: Database) {
  return createApp({ db, config: { license: LICENSES["pdl-1.0"], siteUrl: undefined } });
}

/**
 * Serves the app on a free loopback port; returns its base URL and a stop
 * function. With `jobs`, background jobs (PDF builds) run as under npm start.
 */
export async function serveApp(db: Database, options: { jobs?: boolean } = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  const jobs = options.jobs ? new JobRunner(db, { ...reportJobHandlers(db), ...surveyLetterJobHandlers(db) }, { pollMs: 200 }) : undefined;
  jobs?.start();
  const app = createApp({ db, config: { license: LICENSES["pdl-1.0"], siteUrl: undefined }, jobs });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        stop: async () => {
          await jobs?.stop();
          await new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}

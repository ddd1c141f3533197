import { defineConfig } from "vitest/config";

export default defineConfig({
  // JSX is compiled by oxc (Vite 8) with the hono/jsx runtime, as in tsconfig.json.
  oxc: { jsx: { runtime: "automatic", importSource: "hono/jsx" } },
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/load-exceljs-fix.ts"],
    // Browser and PostgreSQL tests start real processes; two cores, so keep
    // parallelism modest and time limits generous (these are not speed checks).
    pool: "forks",
    maxWorkers: 2,
    // Test files share a worker's loaded modules instead of importing the
    // whole app afresh in a new process per file (that import was about a
    // quarter of the run). Safe here: no test mocks modules, stubs globals or
    // changes the environment; each file opens its own database and server.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

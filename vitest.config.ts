import { defineConfig } from "vitest/config";

export default defineConfig({
  // JSX is compiled by oxc (Vite 8) with the hono/jsx runtime, as in tsconfig.json.
  oxc: { jsx: { runtime: "automatic", importSource: "hono/jsx" } },
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    globalSetup: ["test/support/global-setup.ts"],
    // Browser and PostgreSQL tests start real processes; two cores, so keep
    // parallelism modest and time limits generous (these are not speed checks).
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

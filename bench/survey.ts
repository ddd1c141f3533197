/**
 * `npm run bench -- survey`: crosstab time at survey scale (issue #8 §4).
 *
 * On a PostgreSQL server (a throwaway cluster on loopback,
 * scripts/postgres-cluster.sh) it generates 1,000,000 submitted responses ×
 * 30 questions (age band, sex, area; 22 single-choice questions of 5
 * options; 5 multiple-choice questions of 6 options, each chosen with
 * probability 0.35) with INSERT … SELECT generate_series in SQL, vacuums and
 * analyses, then times the module's own crosstab (crosstabCounts +
 * buildCrosstab, the statements and code the page runs) of a single-choice
 * and a multiple-choice question by age band, weighted figures included,
 * RUNS times each after one warm-up: p50 and p95. The same on PGlite (in
 * memory) at 100,000 respondents. The aim is p95 under 1 s on the server.
 *
 * Settings (environment):
 *   BENCH_SURVEY_RESPONDENTS=1000000          server respondents
 *   BENCH_SURVEY_PGLITE_RESPONDENTS=100000    PGlite respondents
 *   BENCH_SURVEY_RUNS=20                      timed runs per crosstab
 *   BENCH_SURVEY_DATABASES=postgres,pglite
 *   BENCH_SURVEY_LIMIT_S=2400                 overall time limit (when run directly: npx tsx bench/survey.ts)
 * It uses the machine hard for minutes: run it once, not in CI.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Database } from "../src/core/db/database.ts";
import { migrate } from "../src/core/db/migrate.ts";
import { openPglite } from "../src/core/db/pglite.ts";
import { openPostgres } from "../src/core/db/postgres.ts";
import { buildCrosstab } from "../src/modules/survey/analysis/domain/crosstab.ts";
import { crosstabCounts, findAnalysisSurvey } from "../src/modules/survey/analysis/repository/analysis-queries.ts";
import { refreshResponseChoices } from "../src/modules/survey/analysis/repository/response-choices.ts";
import type { ChoiceQuestion, SurveyDefinition } from "../src/modules/survey/domain/definition.ts";
import { findQuestion } from "../src/modules/survey/domain/definition.ts";
import { ROOT, table } from "./common.ts";
import { freePort, onCleanup, runMain } from "./processes.ts";

const env = process.env;
const int = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) ? Number(v) : d);
const DATABASES = (env.BENCH_SURVEY_DATABASES ?? "postgres,pglite").split(",").map((s) => s.trim()) as Array<"postgres" | "pglite">;
const RUNS = int(env.BENCH_SURVEY_RUNS, 20);
const LIMIT_MS = int(env.BENCH_SURVEY_LIMIT_S, 2400) * 1000;

const options = (n: number, label: string) => Array.from({ length: n }, (_, i) => ({ code: String(i + 1), label: `${label}${i + 1}` }));
const SINGLES = Array.from({ length: 22 }, (_, i) => `q${String(i + 1).padStart(2, "0")}`);
const MULTIPLES = Array.from({ length: 5 }, (_, i) => `m${i + 1}`);

export const BENCH_DEFINITION: SurveyDefinition = {
  sections: [
    {
      code: "attributes",
      title: "属性",
      questions: [
        { kind: "single", code: "age", number: "F1", text: "年齢", attribute: "age_band", options: options(7, "年代") },
        { kind: "single", code: "sex", number: "F2", text: "性別", attribute: "sex", options: options(2, "性別") },
        { kind: "single", code: "area", number: "F3", text: "地区", attribute: "area", options: options(10, "地区") },
      ],
    },
    {
      code: "body",
      title: "設問",
      questions: [
        ...SINGLES.map((code) => ({ kind: "single" as const, code, number: code, text: `単一回答 ${code}`, options: options(5, "選択肢") })),
        ...MULTIPLES.map((code) => ({ kind: "multiple" as const, code, number: code, text: `複数回答 ${code}`, options: options(6, "選択肢") })),
      ],
    },
  ],
};

/**
 * The survey in SQL, set-based. Each response is drawn as its choice vector
 * (survey_response.choices, slots in questionnaire order), and its answer
 * rows are then written from the vector, so the two agree by construction;
 * a sample of responses is then rebuilt by the repository's own
 * refreshResponseChoices and must come out the same. The answer table's
 * indexes are built after the load (faster than maintained row by row).
 */
export async function generate(db: Database, respondents: number): Promise<{ surveyId: number; rows: number; seconds: number }> {
  const started = performance.now();
  const [m] = await db.query<{ id: number }>("insert into municipality (lg_code, name) values ('362018', '徳島市') returning id");
  const [s] = await db.query<{ id: number }>("insert into survey (municipality_id, code, title, state) values ($1, 'bench', 'ベンチマーク調査', 'closed') returning id", [m!.id]);
  const surveyId = s!.id;
  await db.query("insert into survey_definition (survey_id, version, definition) values ($1, 1, $2)", [surveyId, JSON.stringify(BENCH_DEFINITION)]);
  await db.exec("alter table survey_answer drop constraint survey_answer_pkey; drop index survey_answer_response;");
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = performance.now();
    await db.query(sql, params);
    console.log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  const singles = [["age", 7], ["sex", 2], ["area", 10], ...SINGLES.map((c) => [c, 5])] as [string, number][];
  const codes = [...singles.map(([c]) => c), ...MULTIPLES];
  await db.query("insert into survey_choice_slot (survey_id, question_code, slot) select $1, code, slot from unnest($2::text[]) with ordinality as q(code, slot)", [surveyId, codes]);
  // Single choice: an option, or NA for 2%. Multiple choice: each of 6 options with probability 0.35,
  // NULL (no answer row) when none is chosen. Weights as raking would leave them (around 1), so the
  // weighted sums do real work.
  await step(
    "responses (with their choice vectors)",
    `insert into survey_response (survey_id, definition_version, channel, state, weight, submitted_at, choices)
     select $1, 1, 'online', 'submitted', round((0.5 + random())::numeric, 6), now(),
            array(select case when random() < 0.02 then 'NA' else (1 + floor(random() * q.k))::int::text end
                    from unnest($3::int[]) with ordinality as q(k, i) where n > 0 order by q.i)
            || array(select (select string_agg(o::text, ' ' order by o) from generate_series(1, 6) as o where random() < 0.35 and n > 0 and m > 0)
                       from generate_series(1, $4::int) as m)
       from generate_series(1, $2::int) as n`,
    [surveyId, respondents, singles.map(([, k]) => k), MULTIPLES.length],
  );
  await step(
    "answers (from the vectors)",
    `insert into survey_answer (response_id, survey_id, question_code, option_code)
     select r.id, $1, s.question_code, o.code
       from survey_response r
       join survey_choice_slot s on s.survey_id = r.survey_id
       cross join lateral unnest(string_to_array(r.choices[s.slot], ' ')) as o(code)
      where r.survey_id = $1`,
    [surveyId],
  );
  await step("answer indexes", "alter table survey_answer add primary key (survey_id, question_code, option_code, response_id)");
  await step("answer index (response)", "create index survey_answer_response on survey_answer (response_id)");
  await step("vacuum analyze", "vacuum analyze survey_response");
  await step("vacuum analyze answers", "vacuum analyze survey_answer");
  await checkVectors(db, surveyId);
  const [count] = await db.query<{ n: number }>("select count(*)::int as n from survey_answer where survey_id = $1", [surveyId]);
  return { surveyId, rows: count!.n, seconds: (performance.now() - started) / 1000 };
}

/** 1,000 responses' vectors rebuilt from their answer rows by the repository must equal the generated ones. */
async function checkVectors(db: Database, surveyId: number) {
  const sample = await db.query<{ id: string; choices: (string | null)[] }>(
    "select id::text as id, choices from survey_response where survey_id = $1 order by id limit 1000 offset (select count(*) / 2 from survey_response where survey_id = $1)",
    [surveyId],
  );
  const rebuilt = await db.transaction(async (tx) => {
    await refreshResponseChoices(tx, surveyId, sample.map((r) => r.id));
    return tx.query<{ id: string; choices: (string | null)[] }>("select id::text as id, choices from survey_response where id = any($1::bigint[]) order by id", [sample.map((r) => r.id)]);
  });
  const same = (a: (string | null)[], b: (string | null)[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  const different = sample.filter((r, i) => !same(r.choices, rebuilt[i]!.choices));
  if (rebuilt.length !== sample.length || different.length > 0) throw new Error(`choice vectors differ from the repository's rebuild for ${different.length} of ${sample.length} responses`);
  console.log(`  check: ${sample.length} vectors rebuilt from their answer rows by the repository, all equal`);
}

const load = () => loadavg().map((n) => n.toFixed(2)).join(", ");
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function timeCrosstabs(db: Database, municipalityId: number): Promise<string[][]> {
  const survey = (await findAnalysisSurvey(db, municipalityId, "bench"))!;
  const by = findQuestion(survey.definition, "age") as ChoiceQuestion;
  const rows: string[][] = [];
  for (const code of ["q05", "m3"]) {
    const question = findQuestion(survey.definition, code) as ChoiceQuestion;
    const once = async () => {
      const t = performance.now();
      const crosstab = buildCrosstab({ question, by, weighted: true, ...(await crosstabCounts(db, survey.id, code, by.code)) });
      const ms = performance.now() - t;
      return { ms, n: crosstab.total.count };
    };
    const warm = await once();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push((await once()).ms);
    times.sort((a, b) => a - b);
    rows.push([`${question.kind === "single" ? "single choice" : "multiple choice"} (${code}) × age band`, warm.n.toLocaleString("en"), quantile(times, 0.5).toFixed(0), quantile(times, 0.95).toFixed(0), times.at(-1)!.toFixed(0)]);
  }
  return rows;
}

async function runDatabase(kind: "postgres" | "pglite", tmp: string) {
  const respondents = kind === "postgres" ? int(env.BENCH_SURVEY_RESPONDENTS, 1_000_000) : int(env.BENCH_SURVEY_PGLITE_RESPONDENTS, 100_000);
  console.log(`\n=== ${kind === "postgres" ? "PostgreSQL server (throwaway cluster, loopback)" : "PGlite (in memory)"} — ${respondents.toLocaleString("en")} respondents × 30 questions ===`);
  let db: Database;
  if (kind === "postgres") {
    const dir = join(tmp, "pg");
    const url = execFileSync("bash", [join(ROOT, "scripts/postgres-cluster.sh"), "start", dir, String(await freePort())], { encoding: "utf8" }).trim();
    onCleanup(() => void execFileSync("bash", [join(ROOT, "scripts/postgres-cluster.sh"), "stop", dir]));
    db = await openPostgres(url);
  } else {
    db = await openPglite();
  }
  onCleanup(() => db.close().catch(() => undefined));
  await migrate(db);
  console.log("generating:");
  const generated = await generate(db, respondents);
  console.log(`generated ${respondents.toLocaleString("en")} responses and ${generated.rows.toLocaleString("en")} answer rows in ${generated.seconds.toFixed(1)} s`);
  const [m] = await db.query<{ id: number }>("select id from municipality where lg_code = '362018'");
  const before = load();
  table(["crosstab (weighted, with bases)", "respondents", "p50 ms", "p95 ms", "max ms"], await timeCrosstabs(db, m!.id), 1);
  // The machine may be shared: figures mean little without the load they were taken under.
  console.log(`load average (1, 5, 15 min) before the timed runs: ${before}; after: ${load()}`);
}

export async function benchSurvey() {
  console.log(`survey crosstab benchmark — ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), node ${process.version}, ${RUNS} runs per crosstab`);
  const tmp = mkdtempSync(join(tmpdir(), "dxp-bench-survey-"));
  chmodSync(tmp, 0o755); // the cluster may run as the postgres user
  onCleanup(() => rmSync(tmp, { recursive: true, force: true }));
  for (const kind of DATABASES) await runDatabase(kind, tmp);
}

// Run directly (npx tsx bench/survey.ts) it keeps its own time limit; npm run bench -- survey imports benchSurvey.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) runMain(benchSurvey, LIMIT_MS);

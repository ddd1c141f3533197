/**
 * Moving a municipality between instances (issue #9 §2, decision 034):
 * Tokushima's plan with a published year, a correction, a kept PDF, the
 * survey chapter, a survey in fieldwork and staff, beside a second
 * municipality on the same instance. Exported, imported into an empty
 * database of the other kind (PGlite → PostgreSQL server, and back the other
 * way), every open-data dataset is byte for byte the same, users come without
 * secrets, and moving it on again into a third empty database gives the
 * same. The refusals an operator meets change nothing.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moveMunicipalityCommand } from "../../src/cli/move-municipality.ts";
import type { Database } from "../../src/core/db/database.ts";
import { decodeArchive, encodeArchive, readArchive, type Archive } from "../../src/core/municipality-archive/archive-file.ts";
import { EXCLUDED } from "../../src/core/municipality-archive/coverage.ts";
import { exportMunicipality } from "../../src/core/municipality-archive/export-municipality.ts";
import { importMunicipality } from "../../src/core/municipality-archive/import-municipality.ts";
import { remapRow, type ArchiveRow, type IdMaps } from "../../src/core/municipality-archive/remap.ts";
import { readSchemaFacts } from "../../src/core/municipality-archive/repository/schema-queries.ts";
import { planArchive } from "../../src/core/municipality-archive/schema-plan.ts";
import { verifyPassword } from "../../src/modules/accounts/domain/password-hash.ts";
import { correctPublishedResult } from "../../src/modules/cycle/commands/correct-result.ts";
import { DATASETS } from "../../src/modules/opendata/datasets.ts";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import { saveBuild } from "../../src/modules/reports/repository/document-builds.ts";
import { findMunicipality } from "../../src/modules/tenancy/repository/municipality-queries.ts";
import { createStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { createTestDatabase, postgresAvailable, type DatabaseKind } from "../support/databases.ts";
import { tokushimaPlan } from "../support/fixtures.ts";
import { publishSampleYears } from "../support/published-results.ts";
import { seedFieldworkSurvey } from "../support/survey-fieldwork.ts";
import { loadTokushimaSurvey } from "../support/survey-fixtures.ts";

const A = "362018"; // 徳島市
const B = "362026"; // 鳴門市: the other town on the same instance
const actor = { userId: null, label: "テスト（移行）" };

/**
 * SHA-256 of every dataset's CSV and JSON as a citizen downloads them. With
 * `withoutIds`, the datasets that publish a database id (担当課ID) are
 * compared as JSON with that id taken out: what a renumbering move changes.
 */
async function exportDigests(db: Database, options: { withoutIds?: boolean } = {}): Promise<Record<string, string>> {
  const app = testApp(db);
  const digests: Record<string, string> = {};
  for (const dataset of DATASETS) {
    const idColumns = new Set(["division_id", "lead_division_id"]);
    const publishesIds = dataset.columns.some((c) => idColumns.has(c.name));
    for (const format of ["csv", "json"]) {
      if (options.withoutIds && publishesIds && format === "csv") continue;
      const res = await app.request(`/${A}/open-data/${dataset.id}.${format}`);
      expect(res.status, `${dataset.id}.${format}`).toBe(200);
      const body = options.withoutIds && publishesIds ? JSON.stringify(JSON.parse(await res.text(), (k, v) => (idColumns.has(k) ? undefined : v))) : new Uint8Array(await res.arrayBuffer());
      digests[`${dataset.id}.${format}`] = createHash("sha256").update(body).digest("hex");
    }
  }
  return digests;
}

/**
 * An archive with its numbering taken out: every id (own, referenced, in
 * audit JSON) replaced by its rank in its table, rows sorted. Two archives of
 * the same data on different instances are then equal. The move's own audit
 * records and the freshly issued passwords are left out.
 */
async function numberless(db: Database, archive: Archive): Promise<Record<string, string[]>> {
  const plan = planArchive(await readSchemaFacts(db));
  const byName = new Map(plan.tables.map((t) => [t.name, t]));
  const maps: IdMaps = new Map();
  for (const table of plan.tables) {
    const rows = archive.rows.get(table.name) ?? [];
    if (table.identity) maps.set(table.name, new Map(rows.map((r, i) => [r[table.identity!]!, `#${i}`])));
  }
  const out: Record<string, string[]> = {};
  for (const table of plan.tables) {
    out[table.name] = (archive.rows.get(table.name) ?? [])
      .filter((r) => !(table.name === "audit_log" && /^municipality\.(import|export)$/.test(r.action ?? "")))
      .map((r) => {
        const row: ArchiveRow = remapRow(table, r, maps, byName);
        if (table.name === "app_user") {
          delete row.password_hash;
          delete row.must_change_password;
        }
        return JSON.stringify(row);
      })
      .sort();
  }
  return out;
}

async function countRows(db: Database): Promise<string> {
  const tables = await db.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  const counts: string[] = [];
  for (const { name } of tables) counts.push(`${name}:${(await db.query<{ n: number }>(`select count(*)::int as n from "${name}"`))[0]!.n}`);
  return counts.join(",");
}

async function seedSource(db: Database): Promise<{ totpLogin: string; adminLogin: string }> {
  await publishSampleYears(db, A, [2022]);
  await loadTokushimaSurvey(db);
  const { staff } = await seedFieldworkSurvey(db, A); // a secretariat member with a second factor
  const admin = await createStaff(db, { lgCode: A, roles: ["administrator"], loginId: "admin-move" });
  const municipality = (await findMunicipality(db, A))!;
  // A correction of a published result: ids inside the correction's and the audit record's JSON.
  const [report] = await db.query<{ id: number; lock_version: number; kpi_id: number; grade: "S" | "A" | "B" | "C"; reasons: string; issues: string | null; measures: string | null }>(
    `select r.id, r.lock_version, a.kpi_id, r.self_grade as grade, r.grade_reasons as reasons, r.issues, r.improvement_measures as measures
       from initiative_report r join report_kpi_actual a on a.report_id = r.id
      where r.state = 'published' and a.actual_value is not null order by r.id, a.kpi_id limit 1`,
  );
  const corrected = await correctPublishedResult(
    db,
    { municipality, actor: { userId: admin.id, label: "管理者" }, ip: null },
    {
      reportId: report!.id,
      lockVersion: report!.lock_version,
      reason: "実績の転記誤りを訂正",
      proposed: {
        grade: report!.grade,
        gradeReasons: report!.reasons,
        issues: report!.issues,
        improvementMeasures: report!.measures,
        actuals: [{ kpiId: report!.kpi_id, value: "12345", asOf: "2023-03-31", source: "訂正後の集計" }],
      },
    },
  );
  expect(corrected.ok).toBe(true);
  // A kept PDF (bytes that are not text: the archive must carry them exactly).
  const [plan] = await db.query<{ id: number }>("select id from plan where municipality_id = $1", [municipality.id]);
  await saveBuild(db, municipality.id, { kind: "plan_document", planId: plan!.id, fiscalYear: null, draft: false }, {
    contentDigest: "d".repeat(64),
    pdf: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0a, 0x5c, 0x78]),
    pageCount: 1,
    buildMs: 1,
    jobId: null,
  });
  // The other town: its own plan, published year and administrator.
  const imported = await importPlan(db, { lgCode: B, municipalityName: "鳴門市", plan: tokushimaPlan() });
  if (!imported.ok) throw new Error(imported.message);
  await publishSampleYears(db, B, [2022]);
  await createStaff(db, { lgCode: B, roles: ["administrator"], loginId: "admin-naruto" });
  return { totpLogin: staff.loginId, adminLogin: admin.loginId };
}

const kinds: DatabaseKind[] = ["pglite", ...(postgresAvailable() ? (["postgres"] as const) : [])];

for (const kind of kinds) {
  const other: DatabaseKind = postgresAvailable() ? (kind === "pglite" ? "postgres" : "pglite") : kind;

  describe(`moving a municipality [${kind} → ${other} → ${kind}]`, () => {
    let source: Database;
    let target: Database;
    let third: Database;
    let shared: Database;
    let work: string;
    let before: Record<string, string>;
    let logins: { totpLogin: string; adminLogin: string };
    const file = () => join(work, "tokushima.dxmove");

    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), "municipality-move-"));
      [source, target, third, shared] = await Promise.all([
        createTestDatabase(kind, "tokushima"),
        createTestDatabase(other),
        createTestDatabase(kind),
        createTestDatabase(other),
      ]);
      logins = await seedSource(source);
      before = await exportDigests(source);
    });
    afterAll(async () => {
      await Promise.all([source?.close(), target?.close(), third?.close(), shared?.close()]);
      await rm(work, { recursive: true, force: true });
    });

    it("places every table of the schema: moved with the municipality, or excluded with a reason", async () => {
      const facts = await readSchemaFacts(source);
      const plan = planArchive(facts);
      const all = [...new Set(facts.columns.map((c) => c.table))].sort();
      expect(plan.unplaced).toEqual([]);
      const moved = plan.tables.map((t) => t.name);
      expect([...moved, ...Object.keys(EXCLUDED)].sort()).toEqual(all);
      expect(moved).toEqual(expect.arrayContaining(["plan", "plan_revision", "evaluation_cycle", "initiative_report", "report_event", "report_kpi_actual", "document_build", "audit_log", "survey_answer", "app_user", "user_role", "municipality_profile"]));
      for (const reason of Object.values(EXCLUDED)) expect(reason).toMatch(/[ぁ-ん]/);
      // Every whole-number column named like an id is re-keyed (ids named otherwise are declared foreign keys).
      for (const table of plan.tables) {
        for (const column of table.columns.filter((c) => c.name !== table.identity && /(^|_)id$/.test(c.name) && /^(integer|bigint)$/.test(c.type))) {
          expect(table.references, `${table.name}.${column.name}`).toHaveProperty(column.name);
          // A reference to a table that does not travel is written as null: it must allow null.
          if (table.references[column.name] === null) expect(column.nullable, `${table.name}.${column.name}`).toBe(true);
        }
      }
    });

    it("exports one municipality without a row of the other, and without secrets", async () => {
      const result = await exportMunicipality(source, { lgCode: A, file: file(), sourceInstance: "prefecture.example.jp", actor });
      const archive = await readArchive(file());
      const other = await exportMunicipality(source, { lgCode: B, file: join(work, "naruto.dxmove"), sourceInstance: "prefecture.example.jp", actor });
      const archiveB = await readArchive(join(work, "naruto.dxmove"));
      expect(result.fileSha256).toBe(archive.fileSha256);
      expect(archive.manifest).toMatchObject({ lgCode: A, municipalityName: "徳島市", sourceInstance: "prefecture.example.jp", formatVersion: 1 });
      expect(archive.manifest.schemaLevel).toMatch(/^\d{4}_/);
      expect(other.manifest.lgCode).toBe(B);
      const [a, b] = await Promise.all([A, B].map(async (code) => (await findMunicipality(source, code))!.id));
      // Isolation: every owned row names A, and no row of any table is in both archives.
      for (const [table, rows] of archive.rows) {
        for (const row of rows) if ("municipality_id" in row && table !== "audit_log") expect(row.municipality_id, table).toBe(String(a));
        const ids = new Set(rows.map((r) => JSON.stringify(r)));
        for (const row of archiveB.rows.get(table) ?? []) expect(ids.has(JSON.stringify(row)), `${table} in both`).toBe(false);
      }
      expect(archive.rows.get("municipality")!.map((r) => r.lg_code)).toEqual([A]);
      expect(archive.rows.get("audit_log")!.every((r) => r.municipality_id === String(a))).toBe(true);
      expect(archiveB.rows.get("audit_log")!.every((r) => r.municipality_id === String(b))).toBe(true);
      // The data set is broad: plan, cycle, survey, fieldwork, corrections, kept PDFs.
      for (const table of ["initiative_report", "report_kpi_actual", "report_event", "result_correction", "document_build", "survey_published_cell", "survey_sample_member", "survey_sample_identity", "user_role", "plan_revision"]) {
        expect(archive.manifest.rowCounts[table], table).toBeGreaterThan(0);
      }
      for (const user of archive.rows.get("app_user")!) {
        expect(user).toMatchObject({ password_hash: null, totp_secret: null, totp_enabled_at: null, totp_last_step: null, locked_at: null });
      }
      expect(archive.rows.get("app_user")!.find((u) => u.login_id === logins.totpLogin)!.must_enrol_totp).toBe("true");
      expect(archive.manifest.passwordUserIds).toHaveLength(archive.rows.get("app_user")!.length);
      for (const excluded of Object.keys(EXCLUDED)) expect(archive.rows.has(excluded)).toBe(false);
      // The export is in the source's audit trail with the file's SHA-256.
      const [record] = await source.query<{ after: { fileSha256: string } }>(
        "select after from audit_log where action = 'municipality.export' and municipality_id = $1", [a],
      );
      expect(record!.after.fileSha256).toBe(archive.fileSha256);
    });

    it(`imports into an empty ${other} database: every dataset identical, users without secrets, the import audited`, async () => {
      const output: string[] = [];
      const out = { log: (l: string) => output.push(l), error: (l: string) => output.push(`ERR ${l}`) };
      expect(await moveMunicipalityCommand("import-municipality", [file()], out, target)).toBe(0);
      expect(output.join("\n")).toContain("徳島市（362018）を読み込みました");
      expect(await exportDigests(target)).toEqual(before);
      expect(await target.query("select lg_code from municipality")).toEqual([{ lg_code: A }]);

      const users = await target.query<{ login_id: string; password_hash: string | null; must_change_password: boolean; totp_secret: string | null; must_enrol_totp: boolean }>(
        "select login_id, password_hash, must_change_password, totp_secret, must_enrol_totp from app_user order by login_id",
      );
      const sourceUsers = await source.query<{ login_id: string }>(
        "select login_id from app_user u join municipality m on m.id = u.municipality_id where m.lg_code = $1 order by login_id", [A],
      );
      expect(users.map((u) => u.login_id)).toEqual(sourceUsers.map((u) => u.login_id));
      expect(users.every((u) => u.totp_secret === null && u.must_change_password)).toBe(true);
      expect(users.find((u) => u.login_id === logins.totpLogin)!.must_enrol_totp).toBe(true);
      expect(await target.query("select 1 from user_session")).toEqual([]);
      // The administrator's temporary password is shown once and works; nobody else's is shown.
      const shown = output.find((l) => l.includes(`ログインID ${logins.adminLogin}`))!;
      const temporary = shown.split("仮パスワード: ")[1]!;
      const adminHash = users.find((u) => u.login_id === logins.adminLogin)!.password_hash!;
      expect(await verifyPassword(adminHash, temporary)).toBe(true);
      expect(await verifyPassword(adminHash, "correct horse battery staple")).toBe(false);
      expect(output.filter((l) => l.includes("仮パスワード: "))).toHaveLength(1);
      expect(output.join("\n")).toContain("二要素認証を使っていた職員 1人は、次のサインインで認証アプリを設定し直します");

      const archive = await readArchive(file());
      const [record] = await target.query<{ after: { fileSha256: string; sourceInstance: string } }>(
        "select a.after from audit_log a join municipality m on m.id = a.municipality_id where a.action = 'municipality.import' and m.lg_code = $1", [A],
      );
      expect(record!.after).toMatchObject({ fileSha256: archive.fileSha256, sourceInstance: "prefecture.example.jp" });
      // The kept PDF is the same bytes.
      const [pdf] = await target.query<{ hex: string }>("select encode(pdf, 'hex') as hex from document_build");
      expect(pdf!.hex).toBe("2550444600ff0a5c78");
    });

    it("refuses what it must, naming the problem, and changes nothing", async () => {
      const counts = await countRows(target);
      const run = async (path: string) => {
        const lines: string[] = [];
        const code = await moveMunicipalityCommand("import-municipality", [path], { log: (l) => lines.push(l), error: (l) => lines.push(l) }, target);
        return { code, text: lines.join("\n") };
      };
      expect(await run(file())).toEqual({ code: 1, text: expect.stringContaining("団体コード 362018（徳島市）は、このシステムに既に登録されています") });

      const archive = await readArchive(file());
      const rows = [...archive.rows] as Array<[string, ArchiveRow[]]>;
      const { contentSha256: _c, rowCounts: _r, ...manifest } = archive.manifest;
      const rewrite = async (name: string, changes: Partial<typeof manifest>) => {
        const path = join(work, name);
        await writeFile(path, encodeArchive({ ...manifest, lgCode: "362034", ...changes }, rows).bytes);
        return path;
      };
      expect((await run(await rewrite("newer-schema.dxmove", { schemaLevel: "9999_future" }))).text).toContain("新しい版のスキーマ（9999_future）");
      expect((await run(await rewrite("newer-format.dxmove", { formatVersion: 2 }))).text).toContain("新しい形式（第2版）");

      const plain = gunzipSync(await readFile(file()));
      const tampered = Buffer.from(plain.toString("utf8").replace("実績の転記誤りを訂正", "実績の転記誤りを訂正しない"), "utf8");
      await writeFile(join(work, "tampered.dxmove"), gzipSync(tampered));
      expect((await run(join(work, "tampered.dxmove"))).text).toContain("目録の SHA-256 と一致しません");

      await writeFile(join(work, "plan.csv"), "lg_code,name\n362018,徳島市\n");
      expect((await run(join(work, "plan.csv"))).text).toContain("団体の移行ファイルではありません");
      await writeFile(join(work, "other.gz"), gzipSync('{"hello": "world"}\n'));
      expect((await run(join(work, "other.gz"))).text).toContain("団体の移行ファイルではありません");
      expect(() => decodeArchive(gzipSync("not json"), "x")).toThrow("団体の移行ファイルではありません");
      expect((await run(join(work, "missing.dxmove"))).text).toContain("見つかりません");

      expect(await countRows(target)).toBe(counts);
    });

    it(`moves on from ${other} into a third empty database: the same data and datasets`, async () => {
      const back = join(work, "back.dxmove");
      await exportMunicipality(target, { lgCode: A, file: back, sourceInstance: "town.example.jp", actor });
      const archive2 = await readArchive(back);
      const result = await importMunicipality(third, archive2, { actor });
      expect(result).toMatchObject({ lgCode: A, name: "徳島市", renumbered: [] });
      expect(await exportDigests(third)).toEqual(before);

      const again = join(work, "again.dxmove");
      await exportMunicipality(third, { lgCode: A, file: again, sourceInstance: "third.example.jp", actor });
      const [first, second, third_] = await Promise.all([readArchive(file()), Promise.resolve(archive2), readArchive(again)]);
      const expected = await numberless(source, first);
      expect(await numberless(target, second)).toEqual(expected);
      expect(await numberless(third, third_)).toEqual(expected);
      // Each move is one more audit record of the municipality.
      expect(second.manifest.rowCounts.audit_log).toBe(first.manifest.rowCounts.audit_log! + 1);
    });

    it(`moves into an instance that already serves another town: renumbered, the same data, only 担当課ID changes in open data`, async () => {
      const naruto = await importPlan(shared, { lgCode: B, municipalityName: "鳴門市", plan: tokushimaPlan() }); // takes the low numbers
      if (!naruto.ok) throw new Error(naruto.message);
      const first = await readArchive(file());
      const result = await importMunicipality(shared, first, { actor });
      expect(result.renumbered).toEqual(expect.arrayContaining(["municipality", "plan", "division", "initiative", "kpi"]));
      expect(result.renumbered).not.toContain("survey"); // nobody here had a survey: its numbers were free
      expect(await exportDigests(shared, { withoutIds: true })).toEqual(await exportDigests(source, { withoutIds: true }));
      const moved = join(work, "shared.dxmove");
      await exportMunicipality(shared, { lgCode: A, file: moved, sourceInstance: "shared.example.jp", actor });
      expect(await numberless(shared, await readArchive(moved))).toEqual(await numberless(source, first));
      // The other town is untouched, and the new rows do not collide with the app's next ones.
      expect((await shared.query<{ n: number }>("select count(*)::int as n from initiative i join plan p on p.id = i.plan_id join municipality m on m.id = p.municipality_id where m.lg_code = $1", [B]))[0]!.n).toBe(tokushimaPlan().initiatives.length);
      const again = await importPlan(shared, { lgCode: "362034", municipalityName: "小松島市", plan: tokushimaPlan() });
      expect(again.ok).toBe(true);
    });
  });
}

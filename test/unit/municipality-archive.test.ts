/**
 * The archive's pure parts (decision 034): the plan derived from schema
 * facts (ownership through foreign keys, write order, unplaced tables), the
 * re-keying of rows and of ids inside audit JSON, and the file's checks.
 */
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ARCHIVE_FORMAT, decodeArchive, encodeArchive } from "../../src/core/municipality-archive/archive-file.ts";
import { ArchiveError, remapJsonText, remapRow, type IdMaps } from "../../src/core/municipality-archive/remap.ts";
import type { SchemaFacts } from "../../src/core/municipality-archive/repository/schema-queries.ts";
import { planArchive } from "../../src/core/municipality-archive/schema-plan.ts";

const col = (table: string, column: string, type = "integer", nullable = false, identity = false) => ({ table, column, type, nullable, identity });
const fk = (table: string, column: string, refTable: string, refColumn = "id") => ({ name: `${table}_${column}_fkey`, table, column, refTable, refColumn });

const FACTS: SchemaFacts = {
  columns: [
    col("municipality", "id", "integer", false, true),
    col("plan", "id", "integer", false, true),
    col("plan", "municipality_id"),
    col("kpi", "id", "integer", false, true),
    col("kpi", "plan_id"),
    col("kpi_target", "kpi_id"),
    col("kpi_target", "value", "numeric", true),
    col("job", "id", "bigint", false, true),
    col("document_build", "id", "integer", false, true),
    col("document_build", "municipality_id"),
    col("document_build", "job_id", "bigint", true),
    col("mystery", "x", "text"),
  ],
  foreignKeys: [fk("plan", "municipality_id", "municipality"), fk("kpi", "plan_id", "plan"), fk("kpi_target", "kpi_id", "kpi"), fk("document_build", "job_id", "job"), fk("document_build", "municipality_id", "municipality")],
  primaryKeys: { kpi_target: ["kpi_id"] },
};

describe("the archive plan from schema facts", () => {
  const plan = planArchive(FACTS);
  const byName = new Map(plan.tables.map((t) => [t.name, t]));

  it("owns tables through municipality_id or a chain of foreign keys, and writes each after what it refers to", () => {
    expect(byName.get("plan")!.owner).toEqual({ kind: "column", column: "municipality_id" });
    expect(byName.get("kpi_target")!.owner).toEqual({ kind: "parent", column: "kpi_id", parent: "kpi" });
    const order = plan.tables.map((t) => t.name);
    expect(order.indexOf("municipality")).toBeLessThan(order.indexOf("plan"));
    expect(order.indexOf("plan")).toBeLessThan(order.indexOf("kpi"));
    expect(order.indexOf("kpi")).toBeLessThan(order.indexOf("kpi_target"));
  });

  it("writes a reference to a table that stays behind as null, and names a table nobody placed", () => {
    expect(byName.get("document_build")!.references.job_id).toBeNull();
    expect(byName.has("job")).toBe(false); // excluded in coverage.ts
    expect(plan.unplaced).toEqual(["mystery"]);
  });

  it("re-keys a row's own id and its references, and refuses a reference outside the archive", () => {
    const maps: IdMaps = new Map([["kpi", new Map([["7", "107"]])], ["plan", new Map([["3", "103"]])]]);
    expect(remapRow(byName.get("kpi")!, { id: "7", plan_id: "3" }, maps, byName)).toEqual({ id: "107", plan_id: "103" });
    expect(remapRow(byName.get("kpi_target")!, { kpi_id: "7", value: "38.0" }, maps, byName)).toEqual({ kpi_id: "107", value: "38.0" });
    expect(() => remapRow(byName.get("kpi")!, { id: "7", plan_id: "4" }, maps, byName)).toThrow(/kpi\.plan_id が、移行ファイルに含まれない plan の行（番号 4）/);
  });
});

describe("ids inside audit JSON", () => {
  const maps: IdMaps = new Map([["kpi", new Map([["12", "512"]])], ["division", new Map([["3", "303"], ["4", "304"]])]]);

  it("follows the keys that name rows, and leaves every other document's text exactly as it was", () => {
    expect(JSON.parse(remapJsonText('{"kpi": {"12": {"value": "25"}}, "divisionIds": [3, 4], "divisionId": 9}', maps))).toEqual({
      kpi: { "512": { value: "25" } },
      divisionIds: [303, 304],
      divisionId: 9, // not moved: kept as history
    });
    expect(JSON.parse(remapJsonText('{"kpiActuals": [{"kpiId": 12, "value": "38.0"}]}', maps))).toEqual({ kpiActuals: [{ kpiId: 512, value: "38.0" }] });
    const untouched = '{"value": 38.0, "state": "draft"}';
    expect(remapJsonText(untouched, maps)).toBe(untouched);
  });
});

describe("the archive file", () => {
  const manifest = {
    format: ARCHIVE_FORMAT as typeof ARCHIVE_FORMAT,
    formatVersion: 1,
    schemaLevel: "0020_survey_fieldwork",
    sourceInstance: "test",
    lgCode: "362018",
    municipalityName: "徳島市",
    createdAt: "2026-12-07T00:00:00.000Z",
    excluded: {},
    passwordUserIds: [] as string[],
  };

  it("round-trips rows and counts them", () => {
    const { bytes, manifest: written } = encodeArchive(manifest, [["municipality", [{ id: "1", lg_code: "362018" }]], ["plan", []]]);
    const archive = decodeArchive(bytes, "a.dxmove");
    expect(written.rowCounts).toEqual({ municipality: 1, plan: 0 });
    expect(archive.rows.get("municipality")).toEqual([{ id: "1", lg_code: "362018" }]);
    expect(archive.fileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses what is not an archive, in Japanese", () => {
    expect(() => decodeArchive(Buffer.from("PGDMP…"), "x.dump")).toThrow(ArchiveError);
    expect(() => decodeArchive(Buffer.from([0x1f, 0x8b, 0x08, 0x00]), "x.gz")).toThrow("壊れています");
    expect(() => decodeArchive(gzipSync('{"format":"something-else"}\n'), "x.gz")).toThrow("団体の移行ファイルではありません");
  });
});

import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_PLAN_FILE_BYTES, parsePlanText, readPlanFile } from "../../src/modules/plan/read-plan-file.ts";
import { tokushimaPlan } from "../support/fixtures.ts";

const check = (data: unknown, file = "plan.yaml") => parsePlanText(stringify(data), file);

describe("plan file validation", () => {
  it("accepts the Tokushima plan: 37 initiatives, 4 policies, every KPI with four yearly targets", () => {
    const plan = tokushimaPlan();
    expect(plan.initiatives).toHaveLength(37);
    expect(plan.policies).toHaveLength(4);
    for (const item of plan.initiatives) for (const k of item.kpis) expect(Object.keys(k.targets)).toEqual(["2022", "2023", "2024", "2025"]);
  });

  it("names the file, the path inside it and the problem", () => {
    const plan = tokushimaPlan() as any;
    plan.initiatives[11].kpis[0].targets["2024"] = "160件";
    const result = check(plan, "tokushima.yaml");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]).toMatchObject({ file: "tokushima.yaml", path: "initiatives[11].kpis[0].targets.2024" });
      expect(result.problems[0]!.message).toContain("単位は付けません");
    }
  });

  it("refuses a number written as a YAML number, which would lose its scale", () => {
    const plan = tokushimaPlan() as any;
    plan.initiatives[13].kpis[0].targets["2023"] = 38.0;
    const result = check(plan);
    expect(result.ok).toBe(false);
  });

  it("checks references and years across the file", () => {
    const plan = tokushimaPlan() as any;
    plan.initiatives[0].policy = 9;
    plan.nationalPriorityItems[0].initiatives.push(99);
    delete plan.initiatives[0].kpis[0].targets["2025"];
    plan.evaluationHistory.years[0].total = 28;
    const result = check(plan);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const messages = result.problems.map((p) => `${p.path}: ${p.message}`);
      expect(messages).toContain("initiatives[0].policy: 取組方針 9 は policies にありません");
      expect(messages.some((m) => m.startsWith("nationalPriorityItems[0].initiatives") && m.includes("取組項目 99"))).toBe(true);
      expect(messages.some((m) => m.startsWith("initiatives[0].kpis[0].targets"))).toBe(true);
      expect(messages.some((m) => m.includes("合計 28"))).toBe(true);
    }
  });

  it("reports YAML syntax errors with the line", () => {
    const result = parsePlanText("code: a\n  title: : :\n", "broken.yaml");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toContain("YAMLとして読めません");
  });

  it("refuses a key the format does not know (a misspelt asumed), naming it and where it is", () => {
    const plan = tokushimaPlan() as any;
    plan.initiatives[1].schedule[0].asumed = true;
    const result = check(plan, "tokushima.yaml");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatchObject({ file: "tokushima.yaml", path: "initiatives[1].schedule[0]" });
      expect(result.problems[0]!.message).toBe("この計画ファイルの形式にない項目です: asumed（綴りを確認してください）");
    }
  });

  it("refuses an alias bomb with a Japanese message naming the file", () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(",")}]`);
    const result = parsePlanText(lines.join("\n"), "bomb.yaml");
    expect(result).toEqual({ ok: false, problems: [{ file: "bomb.yaml", path: "", message: expect.stringMatching(/^YAMLの別名.*多すぎます/) }] });
  });

  it("lists at most the first 20 problems and counts the rest", () => {
    const plan = tokushimaPlan() as any;
    for (const item of plan.initiatives) item.title = "";
    const result = check(plan);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(21);
      expect(result.problems[20]!.message).toBe("ほかに 17 件の問題があります（最初の問題から直してください）");
    }
  });

  describe("reading a file", () => {
    const dir = mkdtempSync(join(tmpdir(), "dx-plan-file-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("refuses a file saved as Shift_JIS instead of importing garbled titles", async () => {
      const file = join(dir, "sjis.yaml");
      // 「徳島市」 in Shift_JIS: not UTF-8.
      writeFileSync(file, Buffer.concat([Buffer.from("municipality: "), Buffer.from([0x93, 0xbf, 0x93, 0x87, 0x8e, 0x73]), Buffer.from("\n")]));
      expect(await readPlanFile(file)).toEqual({
        ok: false,
        problems: [{ file, path: "", message: expect.stringContaining("文字コードがUTF-8ではありません") }],
      });
    });

    it("refuses a file over the size limit before reading it", async () => {
      const file = join(dir, "huge.yaml");
      writeFileSync(file, "");
      truncateSync(file, MAX_PLAN_FILE_BYTES + 1); // sparse: nothing is written or read
      expect(await readPlanFile(file)).toEqual({ ok: false, problems: [{ file, path: "", message: expect.stringMatching(/^ファイルが大きすぎます/) }] });
    });

    it("reads a UTF-8 file with a byte order mark", async () => {
      const file = join(dir, "bom.yaml");
      writeFileSync(file, "\uFEFF" + stringify(tokushimaPlan()));
      expect((await readPlanFile(file)).ok).toBe(true);
    });
  });
});

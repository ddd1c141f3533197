/**
 * Audit records in words (describe-record.ts, describe-values.ts): values as
 * a reader writes them, "no value" apart from 0, unknown keys and actions in
 * a readable generic form, and a label for every action the code records.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REDACTED } from "../../src/modules/audit-trail/domain/changed-values.ts";
import { describeRecord, describeTarget } from "../../src/modules/audit-trail/domain/describe-record.ts";
import { describeValue, NO_NAMES, type AuditNames } from "../../src/modules/audit-trail/domain/describe-values.ts";
import { ACTION_LABELS } from "../../src/modules/audit-trail/domain/labels.ts";

const names: AuditNames = {
  ...NO_NAMES,
  reports: new Map([["7", { initiativeNumber: 12, fiscalYear: 2024 }]]),
  users: new Map([["3", { loginId: "yamada", divisionName: "デジタル推進課" }]]),
  revisions: new Map([["5", { number: 2, status: "draft" }]]),
  kpis: new Map([["28", { code: "(1)-1", label: "電子申請の件数", unit: "件" }]]),
  divisions: new Map([["4", "危機管理課"]]),
};

describe("audit values in words", () => {
  it("writes null as （なし）, apart from 0 and from an empty text; booleans as はい/いいえ", () => {
    expect(describeValue("x", null)).toBe("（なし）");
    expect(describeValue("x", 0)).toBe("0");
    expect(describeValue("x", "")).toBe("（空欄）");
    expect(describeValue("x", true)).toBe("はい");
    expect(describeValue("x", false)).toBe("いいえ");
  });

  it("writes days and instants in 和暦 with 西暦, fiscal years and states by name", () => {
    expect(describeValue("reportDue", "2025-03-31")).toBe("令和7年3月31日（2025年3月31日）");
    expect(describeValue("lockedAt", "2025-04-01T00:30:00.000Z")).toBe("令和7年4月1日（2025年4月1日） 09:30");
    expect(describeValue("fiscalYear", 2024)).toBe("令和6年度（2024年度）");
    expect(describeValue("state", "head_approved")).toBe("課長承認済み");
    expect(describeValue("roles", ["digital_officer", "cio"])).toBe("デジタル担当職員、CIO");
    expect(describeValue("reason", "wrong_password")).toBe("パスワードの誤り");
  });

  it("writes KPI actuals by the KPI's name with the value as stored and its unit, no value as （なし）", () => {
    const actuals = [
      { kpiId: 28, value: "2000.0", asOf: "2025-03-31", source: "台帳" },
      { kpiId: 99, value: null },
    ];
    expect(describeValue("kpiActuals", actuals, names)).toBe(
      "数値目標「(1)-1 電子申請の件数」：実績 2,000.0（件）、時点 令和7年3月31日（2025年3月31日）、出典 台帳\n数値目標（番号 99）：実績 （なし）",
    );
  });

  it("writes an unknown shape in words, never as JSON", () => {
    const text = describeValue("future", { note: "a", items: [{ n: 1 }, { n: 2 }], flag: null });
    expect(text).toBe("注記：a、items：n：1\nn：2、flag：（なし）");
    expect(text).not.toMatch(/[{}[\]"]/);
  });
});

describe("audit records in words", () => {
  it("names targets in words, and a deleted draft from the record itself", () => {
    expect(describeTarget({ entityType: "initiative_report", entityId: "7", before: null, after: null }, names)).toBe("取組項目12・令和6年度の報告");
    expect(describeTarget({ entityType: "app_user", entityId: "3", before: null, after: null }, names)).toBe("利用者 yamada（デジタル推進課）");
    expect(describeTarget({ entityType: "plan_revision", entityId: "5", before: null, after: null }, names)).toBe("第2版の下書き");
    expect(describeTarget({ entityType: "plan_revision", entityId: "6", before: { number: 3 }, after: null }, names)).toBe("第3版の下書き（破棄済み）");
    expect(describeTarget({ entityType: "division", entityId: "9", before: { name: "旧課" }, after: null }, names)).toBe("課「旧課」");
    expect(describeTarget({ entityType: "gadget", entityId: "1", before: null, after: null }, names)).toBe("gadget（番号 1）");
  });

  it("labels each changed field, keeps secrets hidden, and drops a comment recorded as none", () => {
    const described = describeRecord(
      { entityType: "initiative_report", entityId: "7", before: { state: "draft", leadDivisionId: null }, after: { state: "returned", comment: null, leadDivisionId: 4, token: "abc" } },
      names,
    );
    expect(described.changes).toEqual([
      { label: "報告の状態", before: "作成中", after: "差戻し" },
      { label: "主担当課", before: "（なし）", after: "危機管理課" },
      { label: "token", before: null, after: REDACTED },
    ]);
  });
});

describe("action labels", () => {
  it("has a Japanese label for every action the code records", () => {
    const recorded = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name)) {
          for (const m of readFileSync(path, "utf8").matchAll(/action: "([a-z_]+\.[a-z_.]+)"/g)) recorded.add(m[1]!);
        }
      }
    };
    walk(new URL("../../src/modules", import.meta.url).pathname);
    walk(new URL("../../src/core", import.meta.url).pathname); // the municipality archive audits its moves
    walk(new URL("../../src/cli", import.meta.url).pathname);
    // report.<workflow action> is written from a variable (transition-report.ts): the workflow's actions.
    for (const a of ["approve", "reopen", "submit", "return", "revise", "check", "comment", "finalise", "publish"]) recorded.add(`report.${a}`);
    expect(recorded.size).toBeGreaterThan(40);
    expect([...recorded].filter((a) => !(a in ACTION_LABELS))).toEqual([]);
  });
});

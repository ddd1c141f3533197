import { describe, expect, it } from "vitest";
import { changedValues, MAX_VALUE_LENGTH, REDACTED } from "../../src/modules/audit-trail/domain/changed-values.ts";
import { mergeHistory, type HistoryEntry } from "../../src/modules/audit-trail/domain/history.ts";
import { isIsoDate, japanDayEnd, japanDayStart, japanIso } from "../../src/modules/audit-trail/domain/japan-time.ts";
import { actionLabel, actionMatch, actionOptions } from "../../src/modules/audit-trail/domain/labels.ts";
import { auditQuerySchema } from "../../src/modules/audit-trail/filters.ts";

describe("changedValues", () => {
  it("keeps only the keys whose values differ", () => {
    expect(changedValues({ roles: ["viewer"], name: "a" }, { roles: ["viewer", "cio"], name: "a" })).toEqual([
      { key: "roles", before: '["viewer"]', after: '["viewer","cio"]' },
    ]);
  });

  it("marks a key absent on one side, writes null as なし, and handles records without before", () => {
    expect(changedValues(null, { lockedAt: null, n: 1 })).toEqual([
      { key: "lockedAt", before: null, after: "なし" },
      { key: "n", before: null, after: "1" },
    ]);
    expect(changedValues({ a: 1 }, null)).toEqual([{ key: "a", before: "1", after: null }]);
    expect(changedValues(null, null)).toEqual([]);
    expect(changedValues(["a"], ["b"])).toEqual([{ key: "", before: '["a"]', after: '["b"]' }]);
  });

  it("never shows text under a key that names a secret, at any depth", () => {
    const changes = changedValues(null, { passwordHash: "$argon2id$…", nested: { totpSecret: "JBSWY3DP" }, hasPassword: true });
    expect(JSON.stringify(changes)).not.toContain("argon2id");
    expect(JSON.stringify(changes)).not.toContain("JBSWY3DP");
    expect(changes[0]!.after).toBe(REDACTED);
    expect(changes[2]).toEqual({ key: "hasPassword", before: null, after: "true" });
  });

  it("cuts long values", () => {
    const [change] = changedValues(null, { long: "あ".repeat(500) });
    expect(change!.after).toBe(`${"あ".repeat(MAX_VALUE_LENGTH)}…（以下省略）`);
  });
});

describe("mergeHistory", () => {
  const entry = (iso: string, summary: string, kind: HistoryEntry["kind"] = "audit"): HistoryEntry => ({
    at: new Date(iso),
    who: "x",
    kind,
    summary,
    detail: { changes: [] },
  });

  it("merges sources newest first, keeping the given order for the same instant", () => {
    const revisions = [entry("2025-04-01T00:00:00Z", "rev2", "revision"), entry("2024-04-01T00:00:00Z", "rev1", "revision")];
    const audit = [entry("2025-04-01T00:00:00Z", "same time"), entry("2024-10-01T00:00:00Z", "middle")];
    const reports = [entry("2026-01-01T00:00:00Z", "report", "report")];
    expect(mergeHistory(revisions, audit, reports).map((e) => e.summary)).toEqual(["report", "rev2", "same time", "middle", "rev1"]);
    expect(mergeHistory()).toEqual([]);
  });
});

describe("Japan time", () => {
  it("writes ISO 8601 with +09:00 and finds a day's bounds in Japan", () => {
    expect(japanIso(new Date("2025-03-31T15:00:00Z"))).toBe("2025-04-01T00:00:00.000+09:00");
    expect(japanDayStart("2025-04-01").toISOString()).toBe("2025-03-31T15:00:00.000Z");
    expect(japanDayEnd("2025-04-30").toISOString()).toBe("2025-04-30T15:00:00.000Z");
  });

  it("accepts real calendar days only", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2025-4-1")).toBe(false);
    expect(isIsoDate("令和7年4月1日")).toBe(false);
  });
});

describe("labels and the filter", () => {
  it("labels known actions in Japanese and words an unknown one from its code", () => {
    expect(actionLabel("auth.sign_in")).toBe("サインイン");
    expect(actionLabel("user.roles_change")).toBe("役割の変更");
    expect(actionLabel("future.thing")).toBe("操作（future.thing）");
    expect(actionLabel("user.reissue")).toBe("利用者の操作（user.reissue）");
  });

  it("matches a group by prefix and an action exactly", () => {
    expect(actionMatch("auth.")).toEqual({ prefix: "auth." });
    expect(actionMatch("auth.sign_in")).toEqual({ exact: "auth.sign_in" });
    const values = actionOptions().map((o) => o.value);
    expect(values).toContain("auth.");
    expect(values).toContain("user.roles_change");
    expect(values.indexOf("auth.")).toBeLessThan(values.indexOf("auth.sign_in"));
  });

  it("parses the query: blank is no filter, the actor is a number or none, from must not follow to", () => {
    expect(auditQuerySchema.parse({ from: "", to: " 2025-04-30 ", actor: "12", before: "99" })).toEqual({
      from: undefined,
      to: "2025-04-30",
      action: undefined,
      entityType: undefined,
      actor: 12,
      before: 99,
    });
    expect(auditQuerySchema.parse({ actor: "none", entity: "app_user", action: "auth." })).toMatchObject({ actor: "none", entityType: "app_user", action: "auth." });
    const bad = auditQuerySchema.safeParse({ from: "2025-05-01", to: "2025-04-01" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["to", "終了日は開始日と同じか、それより後の日付にしてください"]]);
    expect(auditQuerySchema.safeParse({ action: "DROP TABLE" }).success).toBe(false);
    expect(auditQuerySchema.safeParse({ actor: "0" }).success).toBe(false);
  });
});

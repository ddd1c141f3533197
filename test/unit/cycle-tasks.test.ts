/** What waits for whom (domain/tasks.ts), derived from the workflow, and the overview's filter (overview-filter.ts). */
import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/modules/cycle/domain/report-workflow.ts";
import type { Role } from "../../src/modules/tenancy/roles.ts";
import { compareTasks, daysLeftLabel, dueFor, nextStep, stageCounts, taskFor } from "../../src/modules/cycle/domain/tasks.ts";
import { matchesFilter, parseOverviewFilter } from "../../src/modules/cycle/overview-filter.ts";

const actor = (roles: Role[], where: "lead" | "co" | "none" = "none"): Actor => ({
  roles: new Set(roles),
  isLeadDivision: where === "lead",
  isResponsibleDivision: where !== "none",
});

describe("taskFor", () => {
  it("gives each role its step in each state, and nothing to those who only read", () => {
    expect(taskFor("draft", actor(["digital_officer"], "lead"))).toBe("write");
    expect(taskFor("draft", actor(["division_head"], "lead"))).toBe("approve");
    expect(taskFor("draft", actor(["digital_officer"], "co"))).toBe("contribute");
    expect(taskFor("draft", actor(["division_head"], "none"))).toBeUndefined();
    expect(taskFor("head_approved", actor(["digital_officer"], "lead"))).toBe("submit");
    expect(taskFor("returned", actor(["digital_officer"], "lead"))).toBe("revise");
    expect(taskFor("submitted", actor(["secretariat"]))).toBe("check");
    expect(taskFor("in_review", actor(["committee_member"]))).toBe("review");
    expect(taskFor("in_review", actor(["cio"]))).toBe("finalise");
    // The secretariat may comment under review, but the report does not wait for it.
    expect(taskFor("in_review", actor(["secretariat"]))).toBeUndefined();
    expect(taskFor("finalised", actor(["secretariat"]))).toBe("publish");
    for (const state of ["draft", "submitted", "in_review", "finalised", "published"] as const) {
      expect(taskFor(state, actor(["viewer"]))).toBeUndefined();
    }
  });

  it("orders returned reports first, optional contributions last, then by deadline", () => {
    const t = (state: "draft" | "returned", kind: "write" | "contribute" | "revise", due: string, n: number) => ({ state, kind, due, initiativeNumber: n, fiscalYear: 2022 });
    const sorted = [t("draft", "contribute", "2023-05-01", 1), t("draft", "write", "2023-05-31", 2), t("returned", "revise", "2023-05-31", 3), t("draft", "write", "2023-05-10", 4)].sort(compareTasks);
    expect(sorted.map((x) => x.initiativeNumber)).toEqual([3, 4, 2, 1]);
  });

  it("counts days left in Japan's days and names the deadline of the waiting step", () => {
    expect(daysLeftLabel("2023-05-31", "2023-05-28")).toBe("あと3日");
    expect(daysLeftLabel("2023-05-31", "2023-05-31")).toBe("今日まで");
    expect(daysLeftLabel("2023-05-31", "2023-06-02")).toBe("2日超過");
    const d = { reportDue: "2023-05-31", reviewDue: "2023-06-14", committeeDue: "2023-06-28" };
    expect([dueFor("returned", d), dueFor("submitted", d), dueFor("in_review", d), dueFor("published", d)]).toEqual(["2023-05-31", "2023-06-14", "2023-06-28", null]);
    expect(stageCounts(["draft", "draft", "returned"])).toMatchObject({ draft: 2, returned: 1, published: 0 });
  });

  it("says whose step is next", () => {
    expect(nextStep("draft", actor(["viewer"]), "危機管理課")).toEqual({ mine: false, text: "主担当課（危機管理課）が作成中です。課長の承認後に事務局へ提出できます。" });
    expect(nextStep("draft", actor(["division_head"], "lead"), "危機管理課").mine).toBe(true);
  });
});

describe("parseOverviewFilter", () => {
  const divisions = new Set([10, 11]);
  it("reads stage, division and grade, 'none' for no lead / no grade", () => {
    expect(parseOverviewFilter({ stage: "returned", division: "10", grade: "B" }, divisions)).toEqual({ ok: true, filter: { stage: "returned", division: 10, grade: "B" } });
    expect(parseOverviewFilter({ division: "none", grade: "none" }, divisions)).toEqual({ ok: true, filter: { division: "none", grade: "none" } });
    expect(parseOverviewFilter({}, divisions)).toEqual({ ok: true, filter: {} });
  });
  it("names every bad value at once", () => {
    expect(parseOverviewFilter({ stage: "x", division: "12", grade: "Z" }, divisions)).toEqual({
      ok: false,
      problems: ["段階は一覧から選んでください", "主担当課は一覧から選んでください", "評価は S・A・B・C・未評価 から選んでください"],
    });
  });
  it("matches the grade that counts (the CIO's where changed)", () => {
    const r = { state: "in_review" as const, leadDivisionId: 10, selfGrade: "A" as const, cioGrade: "C" as const };
    expect(matchesFilter(r, { grade: "C" })).toBe(true);
    expect(matchesFilter(r, { grade: "A" })).toBe(false);
    expect(matchesFilter({ ...r, selfGrade: null, cioGrade: null }, { grade: "none" })).toBe(true);
    expect(matchesFilter(r, { division: "none" })).toBe(false);
  });
});

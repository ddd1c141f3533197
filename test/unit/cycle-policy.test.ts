import { describe, expect, it } from "vitest";
import type { Role } from "../../src/modules/tenancy/roles.ts";
import type { ReportState } from "../../src/modules/cycle/domain/report-workflow.ts";
import { couldEver, couldEverEdit, cycleAbilities, reportAbilities, type ReportAccess } from "../../src/modules/cycle/policy.ts";

const LEAD = 1;
const CO = 2;
const OTHER = 3;
const access = (state: ReportState): ReportAccess => ({ state, leadDivisionId: LEAD, responsibleDivisionIds: new Set([LEAD, CO]) });
const user = (roles: Role[], division?: number) => ({ roles, division: division === undefined ? null : { id: division, name: `課${division}` } });

describe("report abilities", () => {
  it("lets the lead division edit the report; co-divisions contribute and add DO entries", () => {
    expect(reportAbilities(user(["digital_officer"], LEAD), access("draft"))).toMatchObject({
      canView: true,
      canEdit: true,
      canContribute: false,
      canAddDoEntry: true,
      canApprove: false,
      transitions: [],
    });
    expect(reportAbilities(user(["digital_officer"], CO), access("draft"))).toMatchObject({ canView: true, canEdit: false, canContribute: true, canAddDoEntry: true });
    expect(reportAbilities(user(["digital_officer"], OTHER), access("draft"))).toMatchObject({ canView: false, canEdit: false, canContribute: false, canAddDoEntry: false });
  });

  it("gives the lead's head the approval, and nothing once submitted", () => {
    expect(reportAbilities(user(["division_head"], LEAD), access("draft")).transitions).toEqual(["approve"]);
    expect(reportAbilities(user(["division_head"], CO), access("draft")).transitions).toEqual([]);
    expect(reportAbilities(user(["division_head"], LEAD), access("head_approved")).transitions).toEqual(["reopen", "submit"]);
    expect(reportAbilities(user(["division_head"], LEAD), access("submitted"))).toMatchObject({ canEdit: false, transitions: [] });
  });

  it("lets readers read every report and only act in their step", () => {
    for (const role of ["secretariat", "cio", "committee_member", "viewer"] as Role[]) {
      expect(reportAbilities(user([role]), access("draft")).canView, role).toBe(true);
    }
    expect(reportAbilities(user(["administrator"]), access("draft")).canView).toBe(false);
    expect(reportAbilities(user(["secretariat"]), access("submitted")).transitions).toEqual(["check", "return"]);
    expect(reportAbilities(user(["committee_member"]), access("in_review")).transitions).toEqual(["comment"]);
    expect(reportAbilities(user(["cio"]), access("in_review"))).toMatchObject({ canChangeGrade: true, canFinalise: true, transitions: ["return", "comment", "finalise"] });
    expect(reportAbilities(user(["cio"]), access("finalised")).canChangeGrade).toBe(false);
    // Publishing is done for the cycle after a preview, not from one report's page.
    expect(reportAbilities(user(["secretariat"]), access("finalised")).transitions).toEqual([]);
    expect(reportAbilities(user(["secretariat"]), access("finalised")).canPublish).toBe(true);
  });

  it("tells a refusal for rights from one for the state", () => {
    expect(couldEver(user(["division_head"], LEAD), access("submitted"), "approve")).toBe(true);
    expect(couldEver(user(["digital_officer"], LEAD), access("draft"), "approve")).toBe(false);
    expect(couldEverEdit(user(["digital_officer"], CO), access("draft"), "report")).toBe(false);
    expect(couldEverEdit(user(["digital_officer"], CO), access("draft"), "contribution")).toBe(true);
    expect(couldEverEdit(user(["digital_officer"], LEAD), access("submitted"), "report")).toBe(true);
  });

  it("gives nobody a division role's rights without a division, and no lead before one is designated", () => {
    expect(reportAbilities(user(["digital_officer", "division_head"]), access("draft"))).toMatchObject({ canView: false, canEdit: false });
    const undesignated: ReportAccess = { state: "draft", leadDivisionId: null, responsibleDivisionIds: new Set([CO]) };
    expect(reportAbilities(user(["digital_officer"], CO), undesignated)).toMatchObject({ canEdit: false, canContribute: true });
  });
});

describe("cycle abilities", () => {
  it("gives the secretariat the management, readers the overview, officers and heads their tasks", () => {
    expect(cycleAbilities(user(["secretariat"]))).toEqual({ canManage: true, canOverview: true, hasTasks: false });
    expect(cycleAbilities(user(["viewer"]))).toEqual({ canManage: false, canOverview: true, hasTasks: false });
    expect(cycleAbilities(user(["division_head"], LEAD))).toEqual({ canManage: false, canOverview: false, hasTasks: true });
  });
});

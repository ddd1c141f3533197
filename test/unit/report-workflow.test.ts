import { describe, expect, it } from "vitest";
import { availableActions, REPORT_ACTIONS, REPORT_STATES, transition, type Actor, type ReportAction, type ReportState } from "../../src/modules/cycle/domain/report-workflow.ts";
import { type Role } from "../../src/modules/tenancy/roles.ts";

const actor = (roles: Role[], where: "lead" | "co" | "other" = "other"): Actor => ({
  roles: new Set(roles),
  isLeadDivision: where === "lead",
  isResponsibleDivision: where !== "other",
});

const officer = actor(["digital_officer"], "lead");
const coOfficer = actor(["digital_officer"], "co");
const head = actor(["division_head"], "lead");
const secretariat = actor(["secretariat"]);
const committee = actor(["committee_member"]);
const cio = actor(["cio"]);

/** Every legal move: state × action → next state. Everything else must be refused. */
const LEGAL: Partial<Record<ReportState, Partial<Record<ReportAction, ReportState>>>> = {
  draft: { edit: "draft", approve: "head_approved" },
  head_approved: { reopen: "draft", submit: "submitted" },
  submitted: { return: "returned", check: "in_review" },
  returned: { edit: "returned", revise: "draft" },
  in_review: { return: "returned", comment: "in_review", finalise: "finalised" },
  finalised: { publish: "published" },
  published: {},
};

const god = actor(["digital_officer", "division_head", "secretariat", "committee_member", "cio"], "lead");

describe("report workflow", () => {
  it("walks the whole cycle with each role doing its part", () => {
    let state: ReportState = "draft";
    const step = (action: ReportAction, who: Actor, comment?: string) => {
      const result = transition(state, action, who, { comment });
      expect(result, `${action} from ${state}`).toMatchObject({ ok: true });
      if (result.ok) state = result.state;
    };
    step("edit", coOfficer);
    step("approve", head);
    step("submit", officer);
    step("return", secretariat, "実績値の出典を記入してください");
    step("revise", officer);
    step("approve", head);
    step("submit", officer);
    step("check", secretariat);
    step("comment", committee, "来年度は広報の強化を");
    step("finalise", cio);
    step("publish", secretariat);
    expect(state).toBe("published");
  });

  describe("refuses every illegal transition, even for an actor holding every role", () => {
    for (const state of REPORT_STATES) {
      for (const action of REPORT_ACTIONS) {
        const next = LEGAL[state]?.[action];
        it(`${state} × ${action} → ${next ?? "refused"}`, () => {
          const result = transition(state, action, god, { comment: "理由" });
          if (next) expect(result).toEqual({ ok: true, state: next });
          else expect(result).toMatchObject({ ok: false, reason: "illegal_transition" });
        });
      }
    }
  });

  it("checks roles and the division per report", () => {
    expect(transition("draft", "approve", actor(["division_head"], "co"))).toMatchObject({ ok: false, reason: "forbidden" });
    expect(transition("head_approved", "submit", coOfficer)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(transition("draft", "edit", actor(["digital_officer"], "other"))).toMatchObject({ ok: false, reason: "forbidden" });
    expect(transition("in_review", "finalise", secretariat)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(transition("submitted", "check", committee)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(transition("finalised", "publish", actor(["viewer"]))).toMatchObject({ ok: false, reason: "forbidden" });
  });

  it("requires a comment to return a report or to comment", () => {
    expect(transition("submitted", "return", secretariat, { comment: "  " })).toMatchObject({ ok: false, reason: "comment_required" });
    expect(transition("in_review", "comment", committee)).toMatchObject({ ok: false, reason: "comment_required" });
  });

  it("offers only the actions that will work", () => {
    expect(availableActions("draft", head)).toEqual(["edit", "approve"]);
    expect(availableActions("draft", coOfficer)).toEqual(["edit"]);
    expect(availableActions("in_review", committee)).toEqual(["comment"]);
    expect(availableActions("in_review", cio)).toEqual(["return", "comment", "finalise"]);
    expect(availableActions("published", god)).toEqual([]);
  });
});

/**
 * Who may do what with a report, computed once per request from the user,
 * the report's state and its divisions, and handed to both the handler (to
 * refuse) and the view (to show only the buttons that will work). The rules
 * of the state machine (report-workflow.ts) decide; this file only adds the
 * division facts and the parts that are not transitions.
 *
 * Always within one municipality: the handler finds the report through the
 * URL's municipality first, so another municipality's report is a 404 before
 * this is asked. Here, "not visible" and "not allowed" both become 403.
 */
import type { StaffUser } from "../accounts/user.ts";
import { availableActions, REPORT_STATES, type Actor, type ReportAction, type ReportState } from "./domain/report-workflow.ts";
import { type Role } from "../tenancy/roles.ts";

export type ReportAccess = {
  state: ReportState;
  leadDivisionId: number | null;
  /** Every responsible division, the lead included, collectives resolved. */
  responsibleDivisionIds: ReadonlySet<number>;
};

/** Roles that read every report of their municipality (the committee reads every draft). */
export const READER_ROLES: readonly Role[] = ["secretariat", "cio", "committee_member", "viewer"];

/** The buttons of the report page's action form, in the order they are shown. */
export const TRANSITION_ACTIONS: readonly ReportAction[] = [
  "approve",
  "reopen",
  "submit",
  "revise",
  "check",
  "return",
  "comment",
  "finalise",
  // Not "publish": publication is one deliberate act per cycle, after a preview
  // of what citizens will see (publishing-pages.tsx), never a button on one report.
];

export type Abilities = {
  canView: boolean;
  /** The report's own fields (PLAN/CHECK/ACTION, KPI actuals): the lead division. */
  canEdit: boolean;
  /** A co-responsible division's contribution inside the report. */
  canContribute: boolean;
  /** DO entries: any responsible division while the report is being written. */
  canAddDoEntry: boolean;
  canApprove: boolean;
  canReopen: boolean;
  canSubmit: boolean;
  canRevise: boolean;
  canCheck: boolean;
  canReturn: boolean;
  canComment: boolean;
  canFinalise: boolean;
  /** The CIO's change of grade (with a reason), while the committee reviews. */
  canChangeGrade: boolean;
  canPublish: boolean;
  /** The transitions this user may make now: the action form's buttons. */
  transitions: ReportAction[];
};

export function actorFor(user: Pick<StaffUser, "roles" | "division">, access: ReportAccess): Actor {
  const divisionId = user.division?.id;
  return {
    roles: new Set(user.roles),
    isLeadDivision: divisionId !== undefined && divisionId === access.leadDivisionId,
    isResponsibleDivision: divisionId !== undefined && access.responsibleDivisionIds.has(divisionId),
  };
}

export function reportAbilities(user: Pick<StaffUser, "roles" | "division">, access: ReportAccess): Abilities {
  const actor = actorFor(user, access);
  const now = new Set(availableActions(access.state, actor));
  const canEditAtAll = now.has("edit");
  const canView =
    user.roles.some((r) => READER_ROLES.includes(r)) ||
    (actor.isResponsibleDivision && (actor.roles.has("digital_officer") || actor.roles.has("division_head")));
  return {
    canView,
    canEdit: canEditAtAll && actor.isLeadDivision,
    canContribute: canEditAtAll && !actor.isLeadDivision,
    canAddDoEntry: canEditAtAll,
    canApprove: now.has("approve"),
    canReopen: now.has("reopen"),
    canSubmit: now.has("submit"),
    canRevise: now.has("revise"),
    canCheck: now.has("check"),
    canReturn: now.has("return"),
    canComment: now.has("comment"),
    canFinalise: now.has("finalise"),
    // The CIO may change the grade while the report is under review, i.e. whenever it may finalise it.
    canChangeGrade: now.has("finalise"),
    canPublish: now.has("publish"),
    transitions: TRANSITION_ACTIONS.filter((a) => now.has(a)),
  };
}

/**
 * Could this user take the action in some state of this report? Tells a
 * refusal for lack of rights (403) from one for the report's current state
 * (someone moved it on: the page is shown again with the reason, 400).
 */
export function couldEver(user: Pick<StaffUser, "roles" | "division">, access: ReportAccess, action: ReportAction): boolean {
  const actor = actorFor(user, access);
  return REPORT_STATES.some((state) => availableActions(state, actor).includes(action));
}

/** Edit rights apart from the state (lead for the report, others for contributions). */
export function couldEverEdit(user: Pick<StaffUser, "roles" | "division">, access: ReportAccess, part: "report" | "contribution" | "do"): boolean {
  if (!couldEver(user, access, "edit")) return false;
  const lead = actorFor(user, access).isLeadDivision;
  return part === "do" || (part === "report" ? lead : !lead);
}

/** Abilities that do not belong to one report. */
export type CycleAbilities = {
  /** Open cycles, publish results, set collective members, see the outbox. */
  canManage: boolean;
  /** The cycle overview and the committee/CIO dashboard. */
  canOverview: boolean;
  /** The "my tasks" page: officers and division heads. */
  hasTasks: boolean;
};

export function cycleAbilities(user: Pick<StaffUser, "roles">): CycleAbilities {
  const has = (role: Role) => user.roles.includes(role);
  return {
    canManage: has("secretariat"),
    canOverview: user.roles.some((r) => READER_ROLES.includes(r)),
    hasTasks: has("digital_officer") || has("division_head"),
  };
}

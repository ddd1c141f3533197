/**
 * The yearly report of one initiative moves through the plan's PDCA review
 * (計画 §6) as a state machine. Pure: no database, no HTTP. Commands ask it
 * whether an action is allowed for this actor on this report, and to what
 * state it leads; the handler turns a refusal into a 400/403 page.
 *
 *   draft ──approve──▶ head_approved ──submit──▶ submitted ──check──▶ in_review ──finalise──▶ finalised ──publish──▶ published
 *     ▲                     │                        │                   │
 *     └──────reopen─────────┘                        └──return──▶ returned ◀──return──┘
 *     ▲                                                               │
 *     └───────────────────────────revise──────────────────────────────┘
 *
 * The lead division submits; co-responsible divisions contribute inside the
 * same report while it is a draft (or returned).
 */
import type { Role } from "../../tenancy/roles.ts";

export type ReportState = "draft" | "head_approved" | "submitted" | "returned" | "in_review" | "finalised" | "published";

export type ReportAction = "edit" | "approve" | "reopen" | "submit" | "return" | "revise" | "check" | "comment" | "finalise" | "publish";

export type Actor = {
  roles: ReadonlySet<Role>;
  /** The actor's division is the report's lead division. */
  isLeadDivision: boolean;
  /** The actor's division is one of the report's responsible divisions (lead or co). */
  isResponsibleDivision: boolean;
};

export type TransitionInput = { comment?: string };

export type TransitionResult =
  | { ok: true; state: ReportState }
  | { ok: false; reason: "illegal_transition" | "forbidden" | "comment_required"; message: string };

type Rule = {
  from: readonly ReportState[];
  to: ReportState | "same";
  allowed: (actor: Actor) => boolean;
  commentRequired?: boolean;
};

const has = (actor: Actor, role: Role) => actor.roles.has(role);

const RULES: Record<ReportAction, Rule> = {
  edit: {
    from: ["draft", "returned"],
    to: "same",
    allowed: (a) => a.isResponsibleDivision && (has(a, "digital_officer") || has(a, "division_head")),
  },
  approve: { from: ["draft"], to: "head_approved", allowed: (a) => a.isLeadDivision && has(a, "division_head") },
  reopen: { from: ["head_approved"], to: "draft", allowed: (a) => a.isLeadDivision && has(a, "division_head") },
  submit: {
    from: ["head_approved"],
    to: "submitted",
    allowed: (a) => a.isLeadDivision && (has(a, "digital_officer") || has(a, "division_head")),
  },
  return: {
    from: ["submitted", "in_review"],
    to: "returned",
    allowed: (a) => has(a, "secretariat") || has(a, "cio"),
    commentRequired: true,
  },
  revise: {
    from: ["returned"],
    to: "draft",
    allowed: (a) => a.isResponsibleDivision && (has(a, "digital_officer") || has(a, "division_head")),
  },
  check: { from: ["submitted"], to: "in_review", allowed: (a) => has(a, "secretariat") },
  comment: {
    from: ["in_review"],
    to: "same",
    allowed: (a) => has(a, "committee_member") || has(a, "cio") || has(a, "secretariat"),
    commentRequired: true,
  },
  finalise: { from: ["in_review"], to: "finalised", allowed: (a) => has(a, "cio") },
  publish: { from: ["finalised"], to: "published", allowed: (a) => has(a, "secretariat") },
};

export const STATE_LABELS: Record<ReportState, string> = {
  draft: "作成中",
  head_approved: "課長承認済み",
  submitted: "提出済み",
  returned: "差戻し",
  in_review: "委員会審査中",
  finalised: "確定",
  published: "公表済み",
};

export const ACTION_LABELS: Record<ReportAction, string> = {
  edit: "編集",
  approve: "課長承認",
  reopen: "承認の取消し",
  submit: "提出",
  return: "差戻し",
  revise: "修正の再開",
  check: "事務局確認",
  comment: "コメント",
  finalise: "確定",
  publish: "公表",
};

export function transition(
  state: ReportState,
  action: ReportAction,
  actor: Actor,
  input: TransitionInput = {},
): TransitionResult {
  const rule = RULES[action];
  if (!rule.from.includes(state)) {
    return {
      ok: false,
      reason: "illegal_transition",
      message: `「${STATE_LABELS[state]}」の報告には「${ACTION_LABELS[action]}」はできません`,
    };
  }
  if (!rule.allowed(actor)) {
    return { ok: false, reason: "forbidden", message: `この報告の「${ACTION_LABELS[action]}」を行う権限がありません` };
  }
  if (rule.commentRequired && !input.comment?.trim()) {
    return { ok: false, reason: "comment_required", message: `「${ACTION_LABELS[action]}」にはコメントを入力してください` };
  }
  return { ok: true, state: rule.to === "same" ? state : rule.to };
}

/** The actions this actor may take on a report in this state: the page shows only these buttons. */
export function availableActions(state: ReportState, actor: Actor): ReportAction[] {
  return (Object.keys(RULES) as ReportAction[]).filter((action) => {
    const rule = RULES[action];
    return rule.from.includes(state) && rule.allowed(actor);
  });
}

export const REPORT_STATES: readonly ReportState[] = ["draft", "head_approved", "submitted", "returned", "in_review", "finalised", "published"];
export const REPORT_ACTIONS = Object.keys(RULES) as ReportAction[];

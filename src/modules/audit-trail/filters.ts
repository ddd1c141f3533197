/**
 * The audit log's filter form (GET, so a filtered view is an address that
 * can be bookmarked and exported): its Zod schema, the field ids its error
 * summary links to, and the query string of a filter for links.
 */
import { z } from "zod";
import { isIsoDate } from "./domain/japan-time.ts";

export const FILTER_FIELDS = {
  from: "filter-from",
  to: "filter-to",
  action: "filter-action",
  entity: "filter-entity",
  actor: "filter-actor",
  // Only a hand-edited address has a bad page position: the summary points at the form itself.
  before: "audit-filters",
} as const;

/** What the log is narrowed to. Dates are days in Japan time (YYYY-MM-DD), both ends included. */
export type AuditFilter = {
  from?: string;
  to?: string;
  /** An action code, or a group ending in a dot ("auth."). */
  action?: string;
  entityType?: string;
  /** A user of this municipality, or "none": records without an account (the system, failed sign-ins). */
  actor?: number | "none";
};

export type AuditPageQuery = AuditFilter & {
  /** The next page: only records older than this id (keyset pagination). */
  before?: number;
};

const DATE_MESSAGE = "日付は「2025-04-01」のように西暦の年-月-日で入力してください";

/** An optional field: absent or blank is no filter; anything else must pass `check`. */
const optional = (check: (v: string) => boolean, message: string) =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim() ?? "")
    .refine((v) => v === "" || check(v), { error: message })
    .transform((v) => (v === "" ? undefined : v));

const CODE = /^[a-z][a-z0-9_]{0,49}$/;
const ACTION = /^[a-z][a-z0-9_]{0,49}(\.[a-z][a-z0-9_]{0,49}){0,3}\.?$/;

export const auditQuerySchema = z
  .object({
    from: optional(isIsoDate, DATE_MESSAGE),
    to: optional(isIsoDate, DATE_MESSAGE),
    action: optional((v) => ACTION.test(v), "操作を一覧から選んでください"),
    entity: optional((v) => CODE.test(v), "対象の種類を一覧から選んでください"),
    actor: optional((v) => v === "none" || /^[1-9][0-9]{0,8}$/.test(v), "実施者を一覧から選んでください"),
    before: optional((v) => /^[1-9][0-9]{0,14}$/.test(v), "ページの指定が正しくありません。最新の記録から表示し直してください"),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "終了日は開始日と同じか、それより後の日付にしてください" });
    }
  })
  .transform(
    (v): AuditPageQuery => ({
      from: v.from,
      to: v.to,
      action: v.action,
      entityType: v.entity,
      actor: v.actor === undefined || v.actor === "none" ? v.actor : Number(v.actor),
      before: v.before === undefined ? undefined : Number(v.before),
    }),
  );

/** The query string of a filter (and page position), in the form's own names. */
export function filterQuery(filter: AuditPageQuery): string {
  const params = new URLSearchParams();
  if (filter.from) params.set("from", filter.from);
  if (filter.to) params.set("to", filter.to);
  if (filter.action) params.set("action", filter.action);
  if (filter.entityType) params.set("entity", filter.entityType);
  if (filter.actor !== undefined) params.set("actor", String(filter.actor));
  if (filter.before !== undefined) params.set("before", String(filter.before));
  const query = params.toString();
  return query === "" ? "" : `?${query}`;
}

export const isFiltered = (f: AuditFilter) =>
  f.from !== undefined || f.to !== undefined || f.action !== undefined || f.entityType !== undefined || f.actor !== undefined;

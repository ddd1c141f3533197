/**
 * The query of the comparison page, /changes/compare?from=N&to=M: two
 * published revision numbers of the current plan. Both or neither (the
 * latest change is shown by default); anything else is a 400 with a
 * Japanese message naming the parameter.
 */
import { z } from "zod";
import type { RevisionHeader } from "../plan/revisions/revision.ts";

const revisionNumber = z
  .string()
  .trim()
  .regex(/^\d{1,6}$/, { error: "は版の番号（半角数字）で指定してください" })
  .transform(Number);

const querySchema = z.object({ from: revisionNumber.optional(), to: revisionNumber.optional() });

const LABELS = { from: "比べる元の版（from）", to: "比べる先の版（to）" } as const;

export type CompareQuery = { from: RevisionHeader; to: RevisionHeader } | null;

export function parseCompareQuery(
  query: Record<string, string[] | undefined>,
  revisions: RevisionHeader[],
): { ok: true; comparison: CompareQuery } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const single: Record<string, string> = {};
  for (const key of ["from", "to"] as const) {
    const values = query[key] ?? [];
    if (values.length > 1) errors.push(`${LABELS[key]}は1つだけ指定してください`);
    else if (values[0] !== undefined) single[key] = values[0];
  }
  const parsed = querySchema.safeParse(single);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(`${LABELS[issue.path[0] as "from" | "to"]}${issue.message}`);
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };

  const { from, to } = parsed.data;
  if (from === undefined && to === undefined) {
    // No choice yet: the latest change, when there are two revisions to compare.
    const [previous, latest] = revisions.slice(-2);
    return { ok: true, comparison: previous && latest ? { from: previous, to: latest } : null };
  }
  if (from === undefined || to === undefined) {
    return { ok: false, errors: [`${LABELS[from === undefined ? "from" : "to"]}も指定してください`] };
  }
  const find = (n: number, key: "from" | "to") => {
    const found = revisions.find((r) => r.number === n);
    if (!found) errors.push(`${LABELS[key]}: 第${n}版は公開されていません`);
    return found;
  };
  const a = find(from, "from");
  const b = find(to, "to");
  if (!a || !b) return { ok: false, errors };
  return { ok: true, comparison: { from: a, to: b } };
}

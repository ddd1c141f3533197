/**
 * The initiative list's filters, as plain data parsed from a GET query, and
 * the pure function that applies them. Used by the portal list and the API.
 */
import { z } from "zod";
import type { CollectiveKind, Initiative, Plan } from "../plan.ts";

export type InitiativeFilter = {
  policy?: number;
  /** A division id, or a collective kind such as all_bureaus. */
  division?: number | CollectiveKind;
  isNew?: boolean;
  hasKpi?: boolean;
  q?: string;
};

const flag = z.enum(["1", "true", "on"], { error: "は 1 を指定してください" }).transform(() => true);

const querySchema = z.object({
  policy: z
    .string()
    .regex(/^\d{1,3}$/, { error: "は取組方針の番号（半角数字）で指定してください" })
    .transform(Number)
    .optional(),
  division: z
    .string()
    .regex(/^(\d{1,9}|all_bureaus|related_divisions|system_divisions)$/, {
      error: "は担当課の番号で指定してください",
    })
    .transform((v) => (/^\d+$/.test(v) ? Number(v) : (v as CollectiveKind)))
    .optional(),
  new: flag.optional(),
  kpi: flag.optional(),
  q: z.string().max(100, { error: "は100文字以内で指定してください" }).optional(),
});

const LABELS: Record<string, string> = {
  policy: "取組方針（policy）",
  division: "担当課（division）",
  new: "新規（new）",
  kpi: "数値目標あり（kpi）",
  q: "キーワード（q）",
};

/**
 * Parses the query of a list URL. Empty values mean "no filter" (an empty
 * select submits policy=). Returns Japanese messages naming each bad parameter.
 */
export function parseInitiativeFilter(
  query: Record<string, string | string[] | undefined>,
  plan: Pick<Plan, "policies" | "initiatives">,
): { ok: true; filter: InitiativeFilter } | { ok: false; errors: string[] } {
  const single: Record<string, string> = {};
  const errors: string[] = [];
  for (const key of Object.keys(LABELS)) {
    const raw = query[key];
    if (Array.isArray(raw) && raw.length > 1) {
      errors.push(`${LABELS[key]}は1つだけ指定してください`);
      continue;
    }
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined && value.trim() !== "") single[key] = value.trim();
  }
  const parsed = querySchema.safeParse(single);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(`${LABELS[String(issue.path[0])]}${issue.message}`);
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  const q = parsed.data;
  if (q.policy !== undefined && !plan.policies.some((p) => p.number === q.policy)) {
    return { ok: false, errors: [`取組方針 ${q.policy} はこの計画にありません`] };
  }
  if (typeof q.division === "number" && !divisionExists(plan, q.division)) {
    return { ok: false, errors: [`担当課の番号 ${q.division} はこの計画にありません`] };
  }
  return { ok: true, filter: { policy: q.policy, division: q.division, isNew: q.new, hasKpi: q.kpi, q: q.q } };
}

function divisionExists(plan: Pick<Plan, "initiatives">, id: number): boolean {
  return plan.initiatives.some((i) => i.divisions.some((d) => d.kind === "division" && d.divisionId === id));
}

export function filterInitiatives(initiatives: Initiative[], filter: InitiativeFilter): Initiative[] {
  const words = (filter.q ?? "").normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean);
  return initiatives.filter((i) => {
    if (filter.policy !== undefined && i.policyNumber !== filter.policy) return false;
    if (filter.division !== undefined && !i.divisions.some((d) => matchesDivision(d, filter.division!))) return false;
    if (filter.isNew && !i.isNew) return false;
    if (filter.hasKpi && i.kpis.length === 0) return false;
    if (words.length > 0) {
      const haystack = searchText(i);
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  });
}

function matchesDivision(d: Initiative["divisions"][number], wanted: number | CollectiveKind): boolean {
  return typeof wanted === "number" ? d.kind === "division" && d.divisionId === wanted : d.kind === wanted;
}

function searchText(i: Initiative): string {
  return [
    String(i.number),
    i.title,
    ...i.content,
    ...i.goals,
    ...i.schedule.map((s) => s.label),
    ...i.kpis.map((k) => k.label),
    ...i.divisions.map((d) => (d.kind === "division" ? d.name : "")),
  ]
    .join("\n")
    .normalize("NFKC")
    .toLowerCase();
}

/** The query string that reproduces a filter, for shareable links and CSV downloads. */
export function filterToQuery(filter: InitiativeFilter): string {
  const params = new URLSearchParams();
  if (filter.policy !== undefined) params.set("policy", String(filter.policy));
  if (filter.division !== undefined) params.set("division", String(filter.division));
  if (filter.isNew) params.set("new", "1");
  if (filter.hasKpi) params.set("kpi", "1");
  if (filter.q) params.set("q", filter.q);
  const s = params.toString();
  return s ? `?${s}` : "";
}

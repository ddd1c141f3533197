/**
 * The Zod schemas of the cycle's forms, beside their routes, with the input
 * ids their messages link to. Messages speak to the person filling in the
 * form. What people type with a Japanese input method (full-width digits,
 * 2024/5/31) is normalised before it is checked.
 */
import { z } from "zod";
import type { Grade, Kpi } from "../plan/plan.ts";
import type { FieldError, FormValues } from "../../core/http/form.ts";
import { allValues, fieldErrors as zodFieldErrors, oneValue } from "../../core/http/form.ts";
import type { KpiActual, ReportFields } from "./cycle.ts";
import { parseJapaneseDay } from "../../core/format/japanese-date.ts";

const MAX_TEXT = 4000;

/** The plan's grades as a literal tuple for z.enum (same order as GRADES). */
const GRADE_VALUES = ["S", "A", "B", "C"] as const satisfies readonly Grade[];

/**
 * A day as written in a city office (令和7年3月31日, R7.3.31, 2025/3/31, 2025-03-31,
 * full-width too: core/format/japanese-date.ts) → "2025-03-31"; anything else is
 * returned as typed (and then refused with the parser's message).
 */
export function normaliseDate(value: string): string {
  const parsed = parseJapaneseDay(value);
  return parsed.ok ? parsed.day : value.normalize("NFKC").trim();
}

/** 「１，２３４．５」 → "1234.5"; grouping commas are dropped, units are not (they are refused). */
export function normaliseDecimal(value: string): string {
  return value.normalize("NFKC").trim().replace(/,/g, "");
}

const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;

/** A required day; the message names the field and what was wrong (a day that does not exist, a form not understood). */
const date = (label: string) =>
  z.string({ error: `${label}を入力してください` }).transform((value, ctx) => {
    if (value.trim() === "") {
      ctx.addIssue({ code: "custom", message: `${label}を入力してください` });
      return z.NEVER;
    }
    const parsed = parseJapaneseDay(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: `${label}: ${parsed.message}` });
      return z.NEVER;
    }
    return parsed.day;
  });

const optionalText = (label: string, max = MAX_TEXT) =>
  z
    .string()
    .default("")
    .transform((v) => v.replace(/\r\n/g, "\n").trim())
    .pipe(z.string().max(max, { error: `${label}は${max}文字以内にしてください` }))
    .transform((v) => (v === "" ? null : v));

const lockVersion = z.string().regex(/^\d{1,9}$/, { error: "ページを再読み込みしてから、もう一度操作してください" }).transform(Number);

// ── open a cycle ──

export const OPEN_CYCLE_FIELD_IDS = { fiscalYear: "fiscal-year", reportDue: "report-due", reviewDue: "review-due", committeeDue: "committee-due" };

export function openCycleForm(years: readonly number[]) {
  return z
    .object({
      fiscalYear: z
        .string({ error: "評価する年度を選んでください" })
        .regex(/^\d{4}$/, { error: "評価する年度を選んでください" })
        .transform(Number)
        .refine((y) => years.includes(y), { error: "評価する年度は計画期間の中から選んでください" }),
      reportDue: date("各課の提出期限"),
      reviewDue: date("事務局の確認期限"),
      committeeDue: date("委員会の期限"),
    })
    .superRefine((v, ctx) => {
      if (v.reviewDue < v.reportDue) ctx.addIssue({ code: "custom", path: ["reviewDue"], message: "事務局の確認期限は、各課の提出期限以降の日にしてください" });
      if (v.committeeDue < v.reviewDue) ctx.addIssue({ code: "custom", path: ["committeeDue"], message: "委員会の期限は、事務局の確認期限以降の日にしてください" });
    });
}

// ── the report (PLAN / CHECK / ACTION) ──

export const REPORT_FIELD_IDS: Record<keyof ReportFields | "lockVersion", string> = {
  lockVersion: "lock-version",
  planText: "plan-text",
  targetsConfirmed: "targets-confirmed",
  selfGrade: "self-grade-0",
  gradeReasons: "grade-reasons",
  issues: "issues",
  improvementMeasures: "improvement-measures",
  nextYearPlan: "next-year-plan",
};

export const reportForm = z
  .object({
    lockVersion,
    planText: optionalText("当年度の取組計画"),
    targetsConfirmed: z
      .string()
      .default("")
      .transform((v) => v === "1"),
    selfGrade: z
      .union([z.literal(""), z.enum(GRADE_VALUES)], { error: "自己評価は S・A・B・C から選んでください" })
      .default("")
      .transform((v) => (v === "" ? null : v)),
    gradeReasons: optionalText("評価の理由"),
    issues: optionalText("課題"),
    improvementMeasures: optionalText("改善策"),
    nextYearPlan: optionalText("次年度の取組計画"),
  })
  .superRefine((v, ctx) => {
    if (v.selfGrade !== null && v.gradeReasons === null) {
      ctx.addIssue({ code: "custom", path: ["gradeReasons"], message: "自己評価の理由を入力してください" });
    }
    if (v.selfGrade === "B" || v.selfGrade === "C") {
      if (v.issues === null) ctx.addIssue({ code: "custom", path: ["issues"], message: `${v.selfGrade}評価の場合は、課題を入力してください` });
      if (v.improvementMeasures === null) {
        ctx.addIssue({ code: "custom", path: ["improvementMeasures"], message: `${v.selfGrade}評価の場合は、改善策を入力してください` });
      }
    }
  });

export const kpiFieldId = (kpiId: number, part: "actual" | "as-of" | "source") => `kpi-${kpiId}-${part}`;

/** What was typed for each KPI, as typed (for re-rendering). */
export type TypedActual = { kpiId: number; value: string; asOf: string; source: string };

export function typedActuals(form: FormValues, kpis: readonly Kpi[]): TypedActual[] {
  return kpis.map((k) => ({
    kpiId: k.id,
    value: oneValue(form, kpiFieldId(k.id, "actual")) ?? "",
    asOf: oneValue(form, kpiFieldId(k.id, "as-of")) ?? "",
    source: oneValue(form, kpiFieldId(k.id, "source")) ?? "",
  }));
}

/**
 * KPI actuals: a decimal without a unit; an actual needs its as-of date and
 * its source (where the number comes from). Empty means "not reported yet".
 */
export function parseActuals(typed: readonly TypedActual[], kpis: readonly Kpi[]): { actuals: KpiActual[]; errors: FieldError[] } {
  const actuals: KpiActual[] = [];
  const errors: FieldError[] = [];
  for (const t of typed) {
    const kpi = kpis.find((k) => k.id === t.kpiId)!;
    const name = kpi.code ? `${kpi.code} ${kpi.label}` : kpi.label;
    const value = normaliseDecimal(t.value);
    const asOf = normaliseDate(t.asOf);
    const asOfParsed = asOf === "" ? undefined : parseJapaneseDay(t.asOf);
    const source = t.source.trim();
    const before = errors.length;
    if (value !== "" && !DECIMAL.test(value)) {
      errors.push({ field: kpiFieldId(kpi.id, "actual"), message: `「${name}」の実績値は単位（${kpi.unit}）を付けずに数値で入力してください（例: 1234.5）` });
    }
    if (asOfParsed && !asOfParsed.ok) {
      errors.push({ field: kpiFieldId(kpi.id, "as-of"), message: `「${name}」の時点: ${asOfParsed.message}` });
    } else if (value !== "" && asOf === "") {
      errors.push({ field: kpiFieldId(kpi.id, "as-of"), message: `「${name}」の実績値がいつ時点のものかを入力してください` });
    }
    if (value !== "" && source === "") {
      errors.push({ field: kpiFieldId(kpi.id, "source"), message: `「${name}」の実績値の出典（集計元）を入力してください` });
    } else if (source.length > 500) {
      errors.push({ field: kpiFieldId(kpi.id, "source"), message: `「${name}」の出典は500文字以内にしてください` });
    }
    if (errors.length === before) {
      actuals.push({ kpiId: kpi.id, value: value === "" ? null : value, asOf: asOf === "" ? null : asOf, source: source === "" ? null : source });
    }
  }
  return { actuals, errors };
}

// ── DO entries, contributions, actions, the CIO's grade ──

export const DO_ENTRY_FIELD_IDS = { entryDate: "do-date", body: "do-body" };

export const doEntryForm = z.object({
  entryDate: date("実施日"),
  body: z
    .string({ error: "実施した内容を入力してください" })
    .trim()
    .min(1, { error: "実施した内容を入力してください" })
    .max(2000, { error: "実施した内容は2000文字以内にしてください" }),
});

export const CONTRIBUTION_FIELD_IDS = { body: "contribution-body" };

export const contributionForm = z.object({
  body: z
    .string()
    .default("")
    .transform((v) => v.replace(/\r\n/g, "\n").trim())
    .pipe(z.string().max(MAX_TEXT, { error: `関係課の取組は${MAX_TEXT}文字以内にしてください` })),
  version: z.string().default(""),
});

export const transitionForm = z.object({
  lockVersion,
  comment: optionalText("コメント", 2000),
});

export const GRADE_FIELD_IDS = { lockVersion: "lock-version", grade: "cio-grade-0", reason: "cio-grade-reason" };

export const gradeForm = z.object({
  lockVersion,
  grade: z.enum(GRADE_VALUES, { error: "変更後の評価を選んでください" }),
  reason: z
    .string({ error: "評価を変更する理由を入力してください" })
    .trim()
    .min(1, { error: "評価を変更する理由を入力してください" })
    .max(2000, { error: "理由は2000文字以内にしてください" }),
});

/** Checked division ids of a checkbox group; anything that is not an id is dropped (the options are the registry). */
export function checkedIds(form: FormValues, name: string): number[] {
  return allValues(form, name)
    .filter((v) => /^\d{1,9}$/.test(v))
    .map(Number);
}

// ── what the report form shows: saved values, or what was typed ──

export type ReportFormValues = {
  lockVersion: number;
  planText: string;
  targetsConfirmed: boolean;
  selfGrade: string;
  gradeReasons: string;
  issues: string;
  improvementMeasures: string;
  nextYearPlan: string;
  actuals: TypedActual[];
};

type TextKey = "planText" | "gradeReasons" | "issues" | "improvementMeasures" | "nextYearPlan";
const TEXT_KEYS: readonly TextKey[] = ["planText", "gradeReasons", "issues", "improvementMeasures", "nextYearPlan"];

export function valuesOfReport(
  report: Pick<ReportFields, TextKey | "selfGrade" | "targetsConfirmed"> & { lockVersion: number },
  actuals: ReadonlyMap<number, KpiActual>,
  kpis: readonly Kpi[],
): ReportFormValues {
  const texts = Object.fromEntries(TEXT_KEYS.map((k) => [k, report[k] ?? ""])) as Record<TextKey, string>;
  return {
    lockVersion: report.lockVersion,
    ...texts,
    targetsConfirmed: report.targetsConfirmed,
    selfGrade: report.selfGrade ?? "",
    actuals: kpis.map((k) => {
      const a = actuals.get(k.id);
      return { kpiId: k.id, value: a?.value ?? "", asOf: a?.asOf ?? "", source: a?.source ?? "" };
    }),
  };
}

export function valuesOfForm(form: FormValues, kpis: readonly Kpi[]): ReportFormValues {
  const text = (name: string) => oneValue(form, name) ?? "";
  return {
    lockVersion: Number(text("lockVersion")) || 0,
    planText: text("planText"),
    targetsConfirmed: text("targetsConfirmed") === "1",
    selfGrade: text("selfGrade"),
    gradeReasons: text("gradeReasons"),
    issues: text("issues"),
    improvementMeasures: text("improvementMeasures"),
    nextYearPlan: text("nextYearPlan"),
    actuals: typedActuals(form, kpis),
  };
}

/** The report form as typed, checked: the fields and KPI actuals to save, or every problem at once. */
export function parseReportEdits(
  form: FormValues,
  typed: ReportFormValues,
  kpis: readonly Kpi[],
): { ok: true; lockVersion: number; fields: ReportFields; actuals: KpiActual[] } | { ok: false; errors: FieldError[] } {
  const parsed = reportForm.safeParse(Object.fromEntries(Object.keys(REPORT_FIELD_IDS).map((k) => [k, oneValue(form, k)])));
  const actuals = parseActuals(typed.actuals, kpis);
  const errors = [...(parsed.success ? [] : zodFieldErrors(parsed.error, REPORT_FIELD_IDS)), ...actuals.errors];
  if (!parsed.success || errors.length > 0) return { ok: false, errors };
  const { lockVersion, ...fields } = parsed.data;
  return { ok: true, lockVersion, fields, actuals: actuals.actuals };
}

/** Fields whose saved value differs from what was typed (compared as the form would save them). */
export function differingFields(typed: ReportFormValues, saved: ReportFormValues): (keyof ReportFields)[] {
  const norm = (s: string) => s.replace(/\r\n/g, "\n").trim();
  const keys: (keyof ReportFields)[] = TEXT_KEYS.filter((k) => norm(typed[k]) !== norm(saved[k]));
  if (typed.targetsConfirmed !== saved.targetsConfirmed) keys.push("targetsConfirmed");
  if (typed.selfGrade !== saved.selfGrade) keys.push("selfGrade");
  return keys;
}

/**
 * Turning what a person typed into plan-file values. Input is normalised the
 * way Japanese keyboards produce it (NFKC: full-width digits and punctuation
 * become ASCII) and then handed to the plan-file schema unchanged, so the
 * schema stays the one judge of what a valid value is: "１，６００" becomes
 * "1600", but "170件" stays "170件" and the schema refuses it with its message.
 */
import { oneValue, type FormValues } from "../../../../core/http/form.ts";

/** A text field's value; absent (or sent twice) is empty. */
export const textOf = (values: FormValues, name: string): string => oneValue(values, name) ?? "";

/** A checkbox is on when it was sent at all. */
export const checkedOf = (values: FormValues, name: string): boolean => values[name] !== undefined;

/** A textarea with one item per line: lines trimmed, blank lines dropped. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** Optional text of a plan file: left out when blank, since the schema refuses empty strings. */
export function optionalText<K extends string>(key: K, text: string): Partial<Record<K, string>> {
  const trimmed = text.trim();
  return trimmed === "" ? {} : ({ [key]: trimmed } as Record<K, string>);
}

/** A lone dash is how the plan prints "no value" (－ for a baseline, — for a target). */
const NO_VALUE = /^[-‐‑‒–—―−ーｰ]$/;
/** 1,234,567.8: commas only where digit grouping puts them. */
const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * A decimal as the plan file wants it ("1600", "38.0"), or null for no value.
 * Blank and a lone dash mean no value — never 0. Anything else is returned as
 * typed (after NFKC), for the schema to refuse: units, words, misplaced commas.
 */
export function decimalOf(text: string): string | null {
  const s = text.normalize("NFKC").trim().replace(/^[−‐]/, "-");
  if (s === "" || NO_VALUE.test(s)) return null;
  return GROUPED.test(s) ? s.replace(/,/g, "") : s;
}

const ERAS: Record<string, number> = { 令和: 2019, r: 2019, 平成: 1989, h: 1989 };

/**
 * A fiscal year as its starting Western year: 2024, ２０２４, 2024年度,
 * 令和6年度, 令和元年度, R6. Blank is undefined; anything else is returned as
 * typed, so the schema refuses it with its message about fiscal years.
 */
export function fiscalYearOf(text: string): number | string | undefined {
  const s = text.normalize("NFKC").trim().replace(/\s+/g, "").replace(/年度?$/, "");
  if (s === "") return undefined;
  if (/^\d{4}$/.test(s)) return Number(s);
  const era = /^(令和|平成|[RrHh])(元|\d{1,2})$/.exec(s);
  if (era) return ERAS[era[1]!.toLowerCase()]! + (era[2] === "元" ? 1 : Number(era[2])) - 1;
  return text;
}

/** A whole number typed in a field (NFKC), or the text as typed for the schema to refuse. */
export function integerOf(text: string): number | string {
  const s = text.normalize("NFKC").trim();
  return /^\d{1,9}$/.test(s) ? Number(s) : text;
}

/** The fiscal years of a period as plan-file keys: ["2022", "2023", …]. */
export function periodYears(period: { startFiscalYear: number; endFiscalYear: number }): string[] {
  const years: string[] = [];
  for (let y = period.startFiscalYear; y <= period.endFiscalYear; y++) years.push(String(y));
  return years;
}

/** The draft's lock version sent back by the form; a missing one can never match (0). */
export function lockVersionOf(values: FormValues): number {
  const n = Number(textOf(values, "lockVersion"));
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

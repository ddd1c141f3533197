/**
 * The survey's details as the secretariat types them (調査の目的・対象・期間,
 * 回答期限, お問い合わせ先): every field optional — "not set" is kept as NULL,
 * never an empty string — dates in any form an office writes them
 * (core/format/japanese-date.ts), and the dates checked against each other:
 * the period ends on or after it starts, and the answer deadline lies within
 * it. Pure: the route passes the form, the command stores the result.
 */
import { parseJapaneseDay } from "../../../../core/format/japanese-date.ts";
import type { FieldError, FormValues } from "../../../../core/http/form.ts";
import { oneValue } from "../../../../core/http/form.ts";
import type { SurveyDetails } from "../repository/survey-queries.ts";

export const DETAIL_FIELDS = {
  purpose: "detail-purpose",
  population: "detail-population",
  periodStart: "detail-period-start",
  periodEnd: "detail-period-end",
  answerDeadline: "detail-answer-deadline",
  contact: "detail-contact",
} as const;

/** What each field is called in messages and labels. */
export const DETAIL_LABELS: Record<keyof SurveyDetails, string> = {
  purpose: "調査の目的",
  population: "調査の対象",
  periodStart: "調査期間の初日",
  periodEnd: "調査期間の最終日",
  answerDeadline: "回答期限",
  contact: "お問い合わせ先",
};

const TEXT_LIMITS = { purpose: 2000, population: 500, contact: 500 } as const;
const DATES = ["periodStart", "periodEnd", "answerDeadline"] as const;

export type DetailsReading = { ok: true; details: SurveyDetails } | { ok: false; errors: FieldError[] };

export function readSurveyDetails(form: FormValues): DetailsReading {
  const errors: FieldError[] = [];
  const text = (key: keyof typeof TEXT_LIMITS): string | null => {
    const value = (oneValue(form, key) ?? "").replace(/\r\n/g, "\n").trim();
    if (value.length > TEXT_LIMITS[key]) errors.push({ field: DETAIL_FIELDS[key], message: `${DETAIL_LABELS[key]}は${TEXT_LIMITS[key]}文字以内にしてください（いま${value.length}文字）` });
    return value === "" ? null : value;
  };
  const day = (key: (typeof DATES)[number]): string | null => {
    const value = (oneValue(form, key) ?? "").trim();
    if (value === "") return null;
    const parsed = parseJapaneseDay(value);
    if (!parsed.ok) {
      errors.push({ field: DETAIL_FIELDS[key], message: `${DETAIL_LABELS[key]}: ${parsed.message}` });
      return null;
    }
    return parsed.day;
  };
  const details: SurveyDetails = {
    purpose: text("purpose"),
    population: text("population"),
    periodStart: day("periodStart"),
    periodEnd: day("periodEnd"),
    answerDeadline: day("answerDeadline"),
    contact: text("contact"),
  };
  const { periodStart, periodEnd, answerDeadline } = details;
  if (periodStart && periodEnd && periodEnd < periodStart) {
    errors.push({ field: DETAIL_FIELDS.periodEnd, message: "調査期間の最終日は初日より後の日にしてください" });
  } else if (answerDeadline && ((periodStart && answerDeadline < periodStart) || (periodEnd && answerDeadline > periodEnd))) {
    errors.push({ field: DETAIL_FIELDS.answerDeadline, message: "回答期限は調査期間の中の日にしてください" });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, details };
}

/**
 * The Zod schemas of the small authoring forms (the next plan, publishing),
 * beside their routes; messages are addressed to the person filling them in.
 * The draft-editing forms are validated by the plan-file schema itself.
 */
import { z } from "zod";
import { REASON_MAX_LENGTH } from "../../revisions/revision.ts";
import { fiscalYearOf } from "./form-input.ts";

const fiscalYearChoice = (what: string) =>
  z
    .string({ error: `${what}を選んでください` })
    .transform((s) => fiscalYearOf(s))
    .pipe(
      z
        .number({ error: `${what}を選んでください` })
        .int({ error: `${what}を選んでください` })
        .min(1989, { error: `${what}は平成元年度（1989年度）以降にしてください` })
        .max(2100, { error: `${what}は2100年度以前にしてください` }),
    );

export const NEXT_PLAN_FIELDS = { code: "code", title: "title", startFiscalYear: "start-fiscal-year", endFiscalYear: "end-fiscal-year" } as const;

export const nextPlanForm = z
  .object({
    code: z
      .string({ error: "計画コードを入力してください" })
      .transform((s) => s.normalize("NFKC").trim())
      .pipe(
        z
          .string()
          .min(1, { error: "計画コードを入力してください" })
          .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: "計画コードは半角英小文字・数字・ハイフンで2〜63文字にしてください（例: dx-2026）" }),
      ),
    title: z
      .string({ error: "計画の名称を入力してください" })
      .trim()
      .min(1, { error: "計画の名称を入力してください" })
      .max(200, { error: "計画の名称は200文字以内にしてください" }),
    startFiscalYear: fiscalYearChoice("開始年度"),
    endFiscalYear: fiscalYearChoice("終了年度"),
  })
  .refine((f) => f.endFiscalYear >= f.startFiscalYear, { path: ["endFiscalYear"], error: "終了年度は開始年度と同じか、それより後にしてください" })
  .refine((f) => f.endFiscalYear - f.startFiscalYear <= 10, { path: ["endFiscalYear"], error: "計画期間は10年以内にしてください" });

export const PUBLISH_FIELDS = { reason: "reason", makeCurrent: "make-current" } as const;

export const publishForm = z.object({
  reason: z
    .string({ error: "公開する理由（変更の理由）を入力してください" })
    .trim()
    .min(1, { error: "公開する理由（変更の理由）を入力してください" })
    .max(REASON_MAX_LENGTH, { error: `変更の理由は${REASON_MAX_LENGTH}文字以内で入力してください` }),
  makeCurrent: z.boolean(),
});

/**
 * The schema of a plan data file (plan-data/*.yaml): the whole DX promotion
 * plan as a reviewable document. The importer validates a file against this
 * schema before it touches the database, so every message here is written
 * for the secretariat who edits the file, in Japanese.
 *
 * Numbers are decimal strings ("38.0", "2600000"), never YAML numbers: YAML
 * would turn 38.0 into 38 and the plan's figures must survive exactly as
 * printed. "No value" is always null, never 0 (machine-readability rule L1-09).
 */
import { z } from "zod";

// Zod's own messages (missing fields, wrong types) in Japanese too.
z.config(z.locales.ja());

/** A decimal as printed, without separators or units: "190", "38.0", "75.5". */
export const decimalString = z
  .string({ error: "数値は文字列（例: \"38.0\"）で書いてください" })
  .regex(/^-?\d+(\.\d+)?$/, {
    error: "数値は半角数字と小数点だけで書いてください（桁区切りや単位は付けません）",
  });

const nonEmptyText = z
  .string({ error: "文字列が必要です" })
  .trim()
  .min(1, { error: "空にはできません" });

export const fiscalYear = z
  .number({ error: "年度は西暦の開始年（例: 2022）で書いてください" })
  .int({ error: "年度は整数で書いてください" })
  .min(1989, { error: "年度は1989年度以降で書いてください" })
  .max(2100, { error: "年度は2100年度以前で書いてください" });

export const phaseCode = z.enum(["study", "implement", "expand"], {
  error: "段階は study（検討）/ implement（実施）/ expand（拡大）のいずれかです",
});

export const kpiDirection = z.enum(["higher", "lower", "keep"], {
  error: "方向は higher（高いほど良い）/ lower（低いほど良い）/ keep（維持）のいずれかです",
});

export const gradeCode = z.enum(["S", "A", "B", "C"], { error: "評価は S / A / B / C のいずれかです" });

/**
 * A responsible division. 「全部局」「関係各課」「各システム担当課」 are collective
 * kinds, not division names: they resolve to explicit lists of divisions once
 * the organisation registry exists.
 */
export const responsibleDivision = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      kind: z.literal("division"),
      name: nonEmptyText,
      /** A sub-unit printed beside the division, e.g. 市史編さん室. */
      unit: nonEmptyText.optional(),
      /** Why the name differs from the printed text, when it does. */
      note: nonEmptyText.optional(),
    }),
    z.strictObject({ kind: z.literal("all_bureaus") }),
    z.strictObject({ kind: z.literal("related_divisions") }),
    z.strictObject({ kind: z.literal("system_divisions") }),
  ],
  { error: "担当の kind は division / all_bureaus / related_divisions / system_divisions のいずれかです" },
);

export const scheduleRow = z.strictObject({
  label: nonEmptyText,
  /** One entry per fiscal year of the plan period; null = no phase that year. */
  phases: z.record(z.string().regex(/^\d{4}$/, { error: "年度のキーは西暦4桁です" }), phaseCode.nullable()),
  /** True when a phase is a reading of the layout rather than printed text. */
  assumed: z.boolean().default(false),
  note: nonEmptyText.optional(),
});

export const kpi = z.strictObject({
  /** The printed number of the KPI within its initiative, e.g. "(1)-1"; null if unnumbered. */
  code: nonEmptyText.nullable(),
  label: nonEmptyText,
  unit: nonEmptyText,
  direction: kpiDirection,
  /** Targets are running totals (累計). */
  cumulative: z.boolean().default(false),
  /** null when the plan prints no baseline at all. */
  baseline: z
    .object({
      fiscalYear: fiscalYear,
      /** null when the plan prints － (no value) for the baseline year. */
      value: decimalString.nullable(),
      note: nonEmptyText.optional(),
    })
    .nullable(),
  /** One entry per fiscal year of the plan period; null = — (no target). */
  targets: z.record(z.string().regex(/^\d{4}$/, { error: "年度のキーは西暦4桁です" }), decimalString.nullable()),
  note: nonEmptyText.optional(),
});

export const initiative = z.strictObject({
  number: z.number().int().positive({ error: "取組項目の番号は1以上の整数です" }),
  policy: z.number().int().positive(),
  title: nonEmptyText,
  isNew: z.boolean(),
  /** In printed order; the first listed division leads. */
  divisions: z.array(responsibleDivision).min(1, { error: "担当を1つ以上書いてください" }),
  content: z.array(nonEmptyText).min(1, { error: "取組内容を1つ以上書いてください" }),
  goals: z.array(nonEmptyText).min(1, { error: "目標を1つ以上書いてください" }),
  schedule: z.array(scheduleRow),
  kpis: z.array(kpi),
});

export const policy = z.strictObject({
  number: z.number().int().positive(),
  title: nonEmptyText,
  outcomes: z
    .array(z.strictObject({ statement: nonEmptyText, description: nonEmptyText }))
    .min(1, { error: "成果の記述（市民は…できます）を1つ以上書いてください" }),
});

export const glossaryTerm = z.strictObject({
  term: nonEmptyText,
  /** The section of the printed glossary: alphabet (アルファベット順) or kana (50音順). */
  section: z.enum(["alphabet", "kana"]),
  description: nonEmptyText,
  /** Other spellings that should link to this term when found in plan text. */
  aliases: z.array(nonEmptyText).default([]),
});

/** 図表2: the national 自治体DX推進計画's items, and which initiatives address each. */
export const nationalPriorityItem = z.strictObject({
  /** e.g. "1-(3)": group number and item number as printed. */
  code: z.string().regex(/^\d+-\(\d+\)$/, { error: "コードは「1-(3)」の形で書いてください" }),
  group: nonEmptyText,
  title: nonEmptyText,
  initiatives: z.array(z.number().int().positive()),
  /** True when the mapping to initiatives is a reading, not printed in the plan. */
  assumed: z.boolean().default(false),
  note: nonEmptyText.optional(),
});

/** 図表5: the five measures the data-utilization law asks of municipalities. */
export const dataUtilizationMeasure = z.strictObject({
  number: z.number().int().min(1).max(5),
  measure: nonEmptyText,
  planAction: nonEmptyText,
  initiatives: z.array(z.number().int().positive()),
  assumed: z.boolean().default(false),
  note: nonEmptyText.optional(),
});

/** 図表10: self-evaluation results of the previous plan, kept as printed history. */
export const evaluationHistoryYear = z.strictObject({
  fiscalYear: fiscalYear,
  results: z
    .array(
      z.strictObject({
        grade: gradeCode,
        count: z.number().int().min(0),
        /** The percentage exactly as printed (an integer percent). */
        printedPercent: z.number().int().min(0).max(100),
      }),
    )
    .length(4, { error: "S・A・B・C の4行が必要です" }),
  total: z.number().int().min(0),
  note: nonEmptyText.optional(),
});

export const planFile = z
  .object({
    /** A short stable identifier of the plan within its municipality, e.g. "dx-2022". */
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: "code は半角英小文字・数字・ハイフンで書いてください" }),
    title: nonEmptyText,
    subtitle: nonEmptyText.optional(),
    goal: nonEmptyText,
    period: z.strictObject({ startFiscalYear: fiscalYear, endFiscalYear: fiscalYear }),
    source: z.strictObject({ title: nonEmptyText, note: nonEmptyText.optional() }),
    /** The plan's adoption (策定): "2022-03-31", or "2022-03" where only the month is printed. */
    adoptedOn: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, { error: "adoptedOn（計画の策定日）は 2022-03-31 または 2022-03 のように書いてください" })
      .optional(),
    phaseLegend: z.array(z.strictObject({ phase: phaseCode, label: nonEmptyText, description: nonEmptyText })).length(3),
    gradeDefinitions: z.array(z.strictObject({ grade: gradeCode, definition: nonEmptyText })).length(4),
    policies: z.array(policy).min(1),
    initiatives: z.array(initiative).min(1),
    glossary: z.array(glossaryTerm),
    nationalPriorityItems: z.array(nationalPriorityItem),
    dataUtilizationMeasures: z.array(dataUtilizationMeasure),
    evaluationHistory: z.strictObject({
      title: nonEmptyText,
      years: z.array(evaluationHistoryYear),
    }),
  })
  .superRefine(checkCrossReferences);

export type PlanFile = z.infer<typeof planFile>;
export type PlanFileInitiative = z.infer<typeof initiative>;
export type PlanFileKpi = z.infer<typeof kpi>;

/** Rules that span several parts of the file: numbering, years, references. */
function checkCrossReferences(plan: z.infer<z.ZodObject<any>>, ctx: z.RefinementCtx): void {
  const p = plan as unknown as PlanFile;
  const { startFiscalYear, endFiscalYear } = p.period;
  if (endFiscalYear < startFiscalYear) {
    ctx.addIssue({ code: "custom", path: ["period", "endFiscalYear"], message: "終了年度が開始年度より前です" });
    return;
  }
  const years = new Set<string>();
  for (let y = startFiscalYear; y <= endFiscalYear; y++) years.add(String(y));
  const expected = [...years].join(", ");
  const sameYears = (keys: string[]) => keys.length === years.size && keys.every((k) => years.has(k));

  const policyNumbers = new Set(p.policies.map((x) => x.number));
  duplicates(p.policies.map((x) => x.number)).forEach((n) =>
    ctx.addIssue({ code: "custom", path: ["policies"], message: `取組方針の番号 ${n} が重複しています` }),
  );
  duplicates(p.initiatives.map((x) => x.number)).forEach((n) =>
    ctx.addIssue({ code: "custom", path: ["initiatives"], message: `取組項目の番号 ${n} が重複しています` }),
  );
  const initiativeNumbers = new Set(p.initiatives.map((x) => x.number));

  p.initiatives.forEach((item, i) => {
    if (!policyNumbers.has(item.policy)) {
      ctx.addIssue({
        code: "custom",
        path: ["initiatives", i, "policy"],
        message: `取組方針 ${item.policy} は policies にありません`,
      });
    }
    item.schedule.forEach((row, r) => {
      if (!sameYears(Object.keys(row.phases))) {
        ctx.addIssue({
          code: "custom",
          path: ["initiatives", i, "schedule", r, "phases"],
          message: `計画期間の各年度（${expected}）をちょうど1回ずつ書いてください`,
        });
      }
    });
    item.kpis.forEach((k, j) => {
      if (!sameYears(Object.keys(k.targets))) {
        ctx.addIssue({
          code: "custom",
          path: ["initiatives", i, "kpis", j, "targets"],
          message: `計画期間の各年度（${expected}）の目標値をちょうど1回ずつ書いてください（目標なしは null）`,
        });
      }
    });
    duplicates(item.kpis.map((k) => k.code ?? k.label)).forEach((c) =>
      ctx.addIssue({
        code: "custom",
        path: ["initiatives", i, "kpis"],
        message: `数値目標 ${c} が重複しています`,
      }),
    );
  });

  const checkRefs = (list: { initiatives: number[] }[], key: string) =>
    list.forEach((entry, i) =>
      entry.initiatives.forEach((n, j) => {
        if (!initiativeNumbers.has(n)) {
          ctx.addIssue({
            code: "custom",
            path: [key, i, "initiatives", j],
            message: `取組項目 ${n} は initiatives にありません`,
          });
        }
      }),
    );
  checkRefs(p.nationalPriorityItems, "nationalPriorityItems");
  checkRefs(p.dataUtilizationMeasures, "dataUtilizationMeasures");

  duplicates(p.glossary.map((g) => g.term)).forEach((t) =>
    ctx.addIssue({ code: "custom", path: ["glossary"], message: `用語「${t}」が重複しています` }),
  );

  p.evaluationHistory.years.forEach((year, i) => {
    const sum = year.results.reduce((acc, r) => acc + r.count, 0);
    if (sum !== year.total) {
      ctx.addIssue({
        code: "custom",
        path: ["evaluationHistory", "years", i, "total"],
        message: `合計 ${year.total} が各評価の項目数の和 ${sum} と一致しません`,
      });
    }
  });
}

function duplicates<T>(values: T[]): T[] {
  const seen = new Set<T>();
  const dup = new Set<T>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

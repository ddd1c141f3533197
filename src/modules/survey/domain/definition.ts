import { z } from "zod";

/**
 * A survey's questionnaire as data: the document kept, versioned, in
 * survey_definition.definition. Everything that reads or writes answers goes
 * through these types; codes (question and option) are what survey_answer
 * stores and what the codebook publishes, labels are what people read.
 *
 * Respondent attributes (年齢・地区・性別・職業) are single-choice questions
 * marked with `attribute`, so "crosstab by age band" is "crosstab by the
 * question whose attribute is age_band" and needs no second mechanism.
 */
const code = z.string().regex(/^[A-Za-z0-9_]{1,32}$/, "コードは半角英数字と _ で32文字以内にしてください");

/** Option codes every choice question accepts besides its own options. */
export const NO_ANSWER = "NA";
export const INVALID_ANSWER = "INVALID";
export const SPECIAL_OPTION_LABELS: Record<string, string> = { [NO_ANSWER]: "無回答", [INVALID_ANSWER]: "無効回答" };

export const surveyOptionSchema = z.strictObject({
  code,
  label: z.string().min(1),
  /** 「その他（　）」: choosing it allows a text beside it. */
  allowsText: z.boolean().optional(),
});

export const respondentAttributes = ["age_band", "area", "sex", "occupation"] as const;
export type RespondentAttribute = (typeof respondentAttributes)[number];

export const surveyQuestionSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("single"),
    code,
    number: z.string().min(1),
    text: z.string().min(1),
    options: z.array(surveyOptionSchema).min(2),
    attribute: z.enum(respondentAttributes).optional(),
    required: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal("multiple"),
    code,
    number: z.string().min(1),
    text: z.string().min(1),
    options: z.array(surveyOptionSchema).min(2),
    maxChoices: z.number().int().positive().optional(),
    required: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal("numeric"),
    code,
    number: z.string().min(1),
    text: z.string().min(1),
    unit: z.string().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    required: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal("text"),
    code,
    number: z.string().min(1),
    text: z.string().min(1),
    maxLength: z.number().int().positive().max(4000).optional(),
    required: z.boolean().optional(),
  }),
]);

export const surveySectionSchema = z.strictObject({
  code,
  title: z.string().min(1),
  questions: z.array(surveyQuestionSchema).min(1),
});

export const surveyDefinitionSchema = z
  .strictObject({
    sections: z.array(surveySectionSchema).min(1),
  })
  .superRefine((definition, ctx) => {
    const seen = new Set<string>();
    const attributes = new Set<string>();
    definition.sections.forEach((section, s) =>
      section.questions.forEach((question, q) => {
        if (seen.has(question.code)) ctx.addIssue({ code: "custom", path: ["sections", s, "questions", q, "code"], message: `設問コード「${question.code}」が重複しています` });
        seen.add(question.code);
        if ("options" in question) {
          const options = new Set<string>();
          question.options.forEach((option, o) => {
            if (options.has(option.code) || option.code === NO_ANSWER || option.code === INVALID_ANSWER) {
              ctx.addIssue({ code: "custom", path: ["sections", s, "questions", q, "options", o, "code"], message: `選択肢コード「${option.code}」は重複しているか予約済み（NA・INVALID）です` });
            }
            options.add(option.code);
          });
        }
        if (question.kind === "single" && question.attribute) {
          if (attributes.has(question.attribute)) ctx.addIssue({ code: "custom", path: ["sections", s, "questions", q, "attribute"], message: `回答者属性「${question.attribute}」の設問が2つあります` });
          attributes.add(question.attribute);
        }
      }),
    );
  });

export type SurveyOption = z.infer<typeof surveyOptionSchema>;
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;
export type SurveySection = z.infer<typeof surveySectionSchema>;
export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;
export type ChoiceQuestion = Extract<SurveyQuestion, { kind: "single" | "multiple" }>;

export function allQuestions(definition: SurveyDefinition): SurveyQuestion[] {
  return definition.sections.flatMap((section) => section.questions);
}

export function findQuestion(definition: SurveyDefinition, questionCode: string): SurveyQuestion | undefined {
  return allQuestions(definition).find((question) => question.code === questionCode);
}

/** The single-choice question that records an attribute (e.g. age_band), if any. */
export function attributeQuestion(definition: SurveyDefinition, attribute: RespondentAttribute): Extract<SurveyQuestion, { kind: "single" }> | undefined {
  return allQuestions(definition).find((q): q is Extract<SurveyQuestion, { kind: "single" }> => q.kind === "single" && q.attribute === attribute);
}

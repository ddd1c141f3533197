/**
 * The structured editor's one form per question: what was typed → a question
 * added to or replaced in the questionnaire, checked by the shared schema,
 * every problem tied to the form field it concerns.
 */
import { oneValue, type FieldError, type FormValues } from "../../../../core/http/form.ts";
import { respondentAttributes, surveyDefinitionSchema, surveyQuestionSchema, type SurveyDefinition, type SurveyQuestion } from "../../domain/definition.ts";
import { placeOf, readOptionsText } from "./definition-text.ts";

export const QUESTION_FIELDS = {
  section: "qe-section",
  newSectionCode: "qe-new-section-code",
  newSectionTitle: "qe-new-section-title",
  code: "qe-code",
  number: "qe-number",
  text: "qe-text",
  kind: "qe-kind",
  required: "qe-required",
  attribute: "qe-attribute",
  options: "qe-options",
  maxChoices: "qe-max-choices",
  min: "qe-min",
  max: "qe-max",
  unit: "qe-unit",
  maxLength: "qe-max-length",
} as const;

export const NEW_SECTION = "__new__";
export const KIND_LABELS = { single: "単一回答", multiple: "複数回答", numeric: "数値", text: "自由記述" } as const;
export const ATTRIBUTE_LABELS = { age_band: "年齢区分", area: "地区", sex: "性別", occupation: "職業" } as const;

const schemaFieldToId: Record<string, string> = {
  code: QUESTION_FIELDS.code,
  number: QUESTION_FIELDS.number,
  text: QUESTION_FIELDS.text,
  kind: QUESTION_FIELDS.kind,
  options: QUESTION_FIELDS.options,
  attribute: QUESTION_FIELDS.attribute,
  maxChoices: QUESTION_FIELDS.maxChoices,
  min: QUESTION_FIELDS.min,
  max: QUESTION_FIELDS.max,
  unit: QUESTION_FIELDS.unit,
  maxLength: QUESTION_FIELDS.maxLength,
};

export type QuestionEdit = { ok: true; definition: SurveyDefinition } | { ok: false; errors: FieldError[] };

/** `original`: the code of the question being edited; absent when adding. */
export function applyQuestionEdit(current: SurveyDefinition | undefined, form: FormValues, original: string | undefined): QuestionEdit {
  const errors: FieldError[] = [];
  const value = (name: string) => (oneValue(form, name) ?? "").trim();
  const optional = (name: string) => (value(name) === "" ? undefined : value(name));
  const numberOf = (name: string, field: string, integer: boolean) => {
    const typed = optional(name);
    if (typed === undefined) return undefined;
    const n = Number(typed.normalize("NFKC"));
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) errors.push({ field, message: `「${typed}」は${integer ? "整数" : "数"}ではありません` });
    return n;
  };
  const kind = value("kind");
  if (!(kind in KIND_LABELS)) return { ok: false, errors: [{ field: QUESTION_FIELDS.kind, message: "設問の種類を選んでください" }] };
  const attribute = optional("attribute");
  if (attribute !== undefined && !(respondentAttributes as readonly string[]).includes(attribute)) errors.push({ field: QUESTION_FIELDS.attribute, message: "回答者属性を選び直してください" });

  const candidate: Record<string, unknown> = { kind, code: value("code"), number: value("number"), text: value("text") };
  if (oneValue(form, "required") === "on") candidate.required = true;
  if (kind === "single" || kind === "multiple") {
    const options = readOptionsText(value("options"));
    if (!options.ok) errors.push({ field: QUESTION_FIELDS.options, message: options.message });
    else candidate.options = options.options;
    if (kind === "single" && attribute) candidate.attribute = attribute;
    if (kind === "multiple") candidate.maxChoices = numberOf("maxChoices", QUESTION_FIELDS.maxChoices, true);
  } else if (attribute) {
    errors.push({ field: QUESTION_FIELDS.attribute, message: "回答者属性にできるのは単一回答の設問だけです" });
  }
  if (kind === "numeric") {
    candidate.min = numberOf("min", QUESTION_FIELDS.min, false);
    candidate.max = numberOf("max", QUESTION_FIELDS.max, false);
    candidate.unit = optional("unit");
    if (typeof candidate.min === "number" && typeof candidate.max === "number" && candidate.min > candidate.max) {
      errors.push({ field: QUESTION_FIELDS.max, message: "最大値は最小値以上にしてください" });
    }
  }
  if (kind === "text") candidate.maxLength = numberOf("maxLength", QUESTION_FIELDS.maxLength, true);
  for (const key of Object.keys(candidate)) if (candidate[key] === undefined) delete candidate[key];

  const parsed = surveyQuestionSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = schemaFieldToId[String(issue.path[0])] ?? QUESTION_FIELDS.text;
      const where = issue.path.length > 1 ? `${placeOf(issue.path.slice(1))}: ` : "";
      if (!errors.some((e) => e.field === field)) errors.push({ field, message: `${where}${issue.message}` });
    }
  }
  const sectionChoice = value("section");
  let sectionCode = sectionChoice;
  let newSection: { code: string; title: string } | undefined;
  if (!current || sectionChoice === NEW_SECTION) {
    newSection = { code: value("newSectionCode"), title: value("newSectionTitle") };
    if (!/^[A-Za-z0-9_]{1,32}$/.test(newSection.code)) errors.push({ field: QUESTION_FIELDS.newSectionCode, message: "新しい部のコードを半角英数字と _ で32文字以内で入力してください" });
    if (newSection.title === "") errors.push({ field: QUESTION_FIELDS.newSectionTitle, message: "新しい部の見出しを入力してください" });
    if (current?.sections.some((s) => s.code === newSection!.code)) errors.push({ field: QUESTION_FIELDS.newSectionCode, message: `部のコード「${newSection.code}」は既にあります` });
    sectionCode = newSection.code;
  } else if (!current.sections.some((s) => s.code === sectionChoice)) {
    errors.push({ field: QUESTION_FIELDS.section, message: "部を選び直してください" });
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };

  const question = parsed.data;
  const sections = (current?.sections ?? []).map((s) => ({ ...s, questions: [...s.questions] }));
  if (newSection) sections.push({ ...newSection, questions: [] });
  const at = locate(sections, original);
  if (original && !at) return { ok: false, errors: [{ field: QUESTION_FIELDS.code, message: "編集中の設問が見つかりません。ページを開き直してください" }] };
  if (at && sections[at.s]!.code === sectionCode) sections[at.s]!.questions[at.q] = question;
  else {
    if (at) sections[at.s]!.questions.splice(at.q, 1);
    sections.find((s) => s.code === sectionCode)!.questions.push(question);
  }
  return validateWhole({ sections: sections.filter((s) => s.questions.length > 0) });
}

export function removeQuestion(current: SurveyDefinition, questionCode: string): QuestionEdit {
  const sections = current.sections.map((s) => ({ ...s, questions: s.questions.filter((q) => q.code !== questionCode) })).filter((s) => s.questions.length > 0);
  if (sections.length === 0) return { ok: false, errors: [{ field: "main", message: "調査票には少なくとも1問が必要です" }] };
  return validateWhole({ sections });
}

function locate(sections: { questions: SurveyQuestion[] }[], code: string | undefined): { s: number; q: number } | undefined {
  if (!code) return undefined;
  for (const [s, section] of sections.entries()) {
    const q = section.questions.findIndex((x) => x.code === code);
    if (q >= 0) return { s, q };
  }
  return undefined;
}

function validateWhole(definition: SurveyDefinition): QuestionEdit {
  const parsed = surveyDefinitionSchema.safeParse(definition);
  if (parsed.success) return { ok: true, definition: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      field: issue.path.includes("options") ? QUESTION_FIELDS.options : issue.path.includes("attribute") ? QUESTION_FIELDS.attribute : QUESTION_FIELDS.code,
      message: issue.message,
    })),
  };
}

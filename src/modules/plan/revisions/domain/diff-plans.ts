/**
 * diffPlans: what changed between two versions of a plan, as a list a citizen
 * can read — 「令和7年度の目標値 205データセット → 210データセット」 rather
 * than a JSON patch. Pure: both versions are plan files (revision snapshots).
 *
 * Things are matched by their natural keys (policy and initiative by number,
 * KPI by code or label, schedule row by label, glossary by term, mapping by
 * code or number), the same keys the database synchronisation keeps ids by.
 */
import { fiscalYearLabel } from "../../../../core/format/fiscal-year.ts";
import type { PlanFile } from "../../plan-file-schema.ts";
import { linesText, optionalText, initiativeNumbersText, periodText, phaseLabels } from "./change-values.ts";
import { diffInitiatives } from "./diff-initiatives.ts";
import { ChangeCollector, pairByKey, type PlanChange } from "./plan-change.ts";

export function diffPlans(before: PlanFile, after: PlanFile): PlanChange[] {
  return [
    ...diffPlanFields(before, after),
    ...diffPolicies(before, after),
    ...diffInitiatives(before, after, { before: phaseLabels(before), after: phaseLabels(after) }),
    ...diffGlossary(before, after),
    ...diffMappings(before, after),
    ...diffEvaluationHistory(before, after),
  ];
}

function diffPlanFields(before: PlanFile, after: PlanFile): PlanChange[] {
  const collect = new ChangeCollector({ key: "plan", label: "計画全体" });
  const subject = "計画";
  collect.field("plan.title", subject, "計画の名称", before.title, after.title);
  collect.field("plan.subtitle", subject, "副題", optionalText(before.subtitle), optionalText(after.subtitle));
  collect.field("plan.goal", subject, "計画の目標", before.goal, after.goal);
  collect.field("plan.period", subject, "計画期間", periodText(before), periodText(after));
  collect.field("plan.source", subject, "出典", sourceText(before), sourceText(after));
  collect.field("plan.adoptedOn", subject, "策定日", optionalText(before.adoptedOn), optionalText(after.adoptedOn));
  for (const pair of pairByKey(before.phaseLegend, after.phaseLegend, (l) => l.phase)) {
    collect.entry(
      `plan.phaseLegend:${pair.key}`,
      `取組計画の段階「${(pair.after ?? pair.before)!.label}」`,
      "凡例",
      pair.before ? `${pair.before.label}: ${pair.before.description}` : null,
      pair.after ? `${pair.after.label}: ${pair.after.description}` : null,
    );
  }
  for (const pair of pairByKey(before.gradeDefinitions, after.gradeDefinitions, (g) => g.grade)) {
    collect.entry(
      `plan.grade:${pair.key}`,
      `自己評価 ${pair.key}`,
      "評価の基準",
      pair.before?.definition ?? null,
      pair.after?.definition ?? null,
    );
  }
  return collect.changes;
}

function sourceText(plan: PlanFile): string {
  return `${plan.source.title}${plan.source.note ? `（${plan.source.note}）` : ""}`;
}

function diffPolicies(before: PlanFile, after: PlanFile): PlanChange[] {
  const pairs = pairByKey(before.policies, after.policies, (p) => String(p.number)).sort(
    (a, b) => Number(a.key) - Number(b.key),
  );
  return pairs.flatMap(({ key: number, before: old, after: now }) => {
    const policy = (now ?? old)!;
    const collect = new ChangeCollector({ key: `policy:${number}`, label: `取組方針${number} ${policy.title}` });
    const key = `policy:${number}`;
    const subject = `取組方針${number}`;
    const outcomes = (p: typeof policy) => linesText(p.outcomes.map((o) => `${o.statement}（${o.description}）`));
    if (!old) collect.added(key, subject, `${now!.title}\n${outcomes(now!)}`);
    else if (!now) collect.removed(key, subject, old.title);
    else {
      collect.field(`${key}.title`, subject, "取組方針名", old.title, now.title);
      collect.field(`${key}.outcomes`, subject, "取組によって目指す姿", outcomes(old), outcomes(now));
    }
    return collect.changes;
  });
}

function diffGlossary(before: PlanFile, after: PlanFile): PlanChange[] {
  const collect = new ChangeCollector({ key: "glossary", label: "用語説明" });
  for (const { key: term, before: old, after: now } of pairByKey(before.glossary, after.glossary, (g) => g.term)) {
    const key = `glossary:${term}`;
    const subject = `用語「${term}」`;
    if (!old) collect.added(key, subject, now!.description);
    else if (!now) collect.removed(key, subject, old.description);
    else {
      collect.field(`${key}.description`, subject, "説明", old.description, now.description);
      const section = (s: string) => (s === "alphabet" ? "アルファベット順" : "50音順");
      collect.field(`${key}.section`, subject, "掲載の区分", section(old.section), section(now.section));
      const aliases = (a: string[]) => (a.length === 0 ? "なし" : a.join("、"));
      collect.field(`${key}.aliases`, subject, "別の表記", aliases(old.aliases), aliases(now.aliases));
    }
  }
  return collect.changes;
}

type MappingLike = { key: string; title: string; detail: string | null; initiatives: number[]; assumed: boolean; note?: string };

function diffMappings(before: PlanFile, after: PlanFile): PlanChange[] {
  const national = (p: PlanFile): MappingLike[] =>
    p.nationalPriorityItems.map((m) => ({ ...m, key: m.code, title: `${m.group} ${m.title}`, detail: null }));
  const measures = (p: PlanFile): MappingLike[] =>
    p.dataUtilizationMeasures.map((m) => ({ ...m, key: String(m.number), title: m.measure, detail: m.planAction }));
  return [
    ...diffMappingList(
      { key: "national-priority", label: "国の自治体DX推進計画との対応（図表2）" },
      "national-priority",
      national(before),
      national(after),
    ),
    ...diffMappingList(
      { key: "data-utilization", label: "官民データ活用推進基本法の施策との対応（図表5）" },
      "data-utilization",
      measures(before),
      measures(after),
    ),
  ];
}

function diffMappingList(section: { key: string; label: string }, prefix: string, before: MappingLike[], after: MappingLike[]) {
  const collect = new ChangeCollector(section);
  for (const { key: code, before: old, after: now } of pairByKey(before, after, (m) => m.key)) {
    const key = `${prefix}:${code}`;
    const subject = `${code}「${(now ?? old)!.title}」`;
    if (!old) collect.added(key, subject, initiativeNumbersText(now!.initiatives));
    else if (!now) collect.removed(key, subject, initiativeNumbersText(old.initiatives));
    else {
      collect.field(`${key}.title`, subject, "事項", old.title, now.title);
      collect.field(`${key}.detail`, subject, "本計画での取組", old.detail, now.detail);
      collect.field(`${key}.initiatives`, subject, "対応する取組項目", initiativeNumbersText(old.initiatives), initiativeNumbersText(now.initiatives));
      const reading = (m: MappingLike) => `${m.assumed ? "読み取り" : "印字どおり"}${m.note ? `（${m.note}）` : ""}`;
      collect.field(`${key}.assumed`, subject, "対応付けの根拠", reading(old), reading(now));
    }
  }
  return collect.changes;
}

function diffEvaluationHistory(before: PlanFile, after: PlanFile): PlanChange[] {
  const collect = new ChangeCollector({ key: "evaluation-history", label: "前計画の評価の推移（図表10）" });
  collect.field("evaluation-history.title", "図表10", "表題", before.evaluationHistory.title, after.evaluationHistory.title);
  type Year = PlanFile["evaluationHistory"]["years"][number];
  const text = (y: Year) =>
    `${y.results.map((r) => `${r.grade} ${r.count}件（${r.printedPercent}%）`).join("、")}、合計 ${y.total}件${y.note ? `（${y.note}）` : ""}`;
  for (const pair of pairByKey(before.evaluationHistory.years, after.evaluationHistory.years, (y) => String(y.fiscalYear))) {
    collect.entry(
      `evaluation-history:${pair.key}`,
      `${fiscalYearLabel(Number(pair.key))}の評価結果`,
      "件数と割合",
      pair.before ? text(pair.before) : null,
      pair.after ? text(pair.after) : null,
    );
  }
  return collect.changes;
}

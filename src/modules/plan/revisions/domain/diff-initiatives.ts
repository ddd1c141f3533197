/**
 * The changes of one initiative (取組項目): its own fields, its schedule rows
 * and its KPIs. Rows are matched by the same natural keys the database
 * synchronisation uses (schedule row by label, KPI by code or label), so what
 * the change history calls "changed" is exactly what keeps its identity.
 */
import type { PlanFile, PlanFileInitiative, PlanFileKpi } from "../../plan-file-schema.ts";
import type { Phase } from "../../plan.ts";
import {
  baselineText,
  directionText,
  divisionsText,
  kpiSubject,
  kpiSummary,
  linesText,
  optionalText,
  phasesSummary,
  phaseText,
  targetText,
  yearField,
  yesNo,
} from "./change-values.ts";
import { ChangeCollector, pairByKey, type PlanChange } from "./plan-change.ts";

/** The natural key of a KPI within its initiative: its printed code, or its label when unnumbered. */
export const kpiNaturalKey = (kpi: Pick<PlanFileKpi, "code" | "label">): string => kpi.code ?? kpi.label;

export type PhaseLabels = Record<Phase, string>;

export function diffInitiatives(
  before: PlanFile,
  after: PlanFile,
  labels: { before: PhaseLabels; after: PhaseLabels },
): PlanChange[] {
  const pairs = pairByKey(before.initiatives, after.initiatives, (i) => String(i.number)).sort(
    (a, b) => Number(a.key) - Number(b.key),
  );
  return pairs.flatMap(({ before: old, after: now }) => {
    const item = (now ?? old)!;
    const collect = new ChangeCollector({
      key: `initiative:${item.number}`,
      label: `取組項目${item.number} ${item.title}`,
      initiativeNumber: item.number,
    });
    const key = `initiative:${item.number}`;
    const subject = `取組項目${item.number}「${item.title}」`;
    if (!old) collect.added(key, subject, now!.title);
    else if (!now) collect.removed(key, subject, old.title);
    else diffInitiative(collect, key, old, now, labels);
    return collect.changes;
  });
}

function diffInitiative(
  collect: ChangeCollector,
  key: string,
  old: PlanFileInitiative,
  now: PlanFileInitiative,
  labels: { before: PhaseLabels; after: PhaseLabels },
): void {
  const subject = `取組項目${now.number}`;
  collect.field(`${key}.title`, subject, "取組項目名", old.title, now.title);
  collect.field(`${key}.policy`, subject, "取組方針", `取組方針${old.policy}`, `取組方針${now.policy}`);
  collect.field(`${key}.isNew`, subject, "新規・継続", yesNo(old.isNew, "新規", "継続"), yesNo(now.isNew, "新規", "継続"));
  collect.field(`${key}.divisions`, subject, "担当課", divisionsText(old), divisionsText(now));
  collect.field(`${key}.content`, subject, "取組内容", linesText(old.content), linesText(now.content));
  collect.field(`${key}.goals`, subject, "目標", linesText(old.goals), linesText(now.goals));

  for (const pair of pairByKey(old.schedule, now.schedule, (r) => r.label)) {
    const rowKey = `${key}.schedule:${pair.key}`;
    const rowSubject = `取組計画「${pair.key}」`;
    if (!pair.before) collect.added(rowKey, rowSubject, phasesSummary(pair.after!.phases, labels.after));
    else if (!pair.after) collect.removed(rowKey, rowSubject, phasesSummary(pair.before.phases, labels.before));
    else {
      for (const year of unionYears(pair.before.phases, pair.after.phases)) {
        collect.field(
          `${rowKey}.phase:${year}`,
          rowSubject,
          yearField(year, "段階"),
          phaseText(pair.before.phases[year], labels.before),
          phaseText(pair.after.phases[year], labels.after),
        );
      }
      collect.field(
        `${rowKey}.assumed`,
        rowSubject,
        "段階の読み取り",
        yesNo(pair.before.assumed, "読み取り", "印字どおり"),
        yesNo(pair.after.assumed, "読み取り", "印字どおり"),
      );
      collect.field(`${rowKey}.note`, rowSubject, "注記", optionalText(pair.before.note), optionalText(pair.after.note));
    }
  }

  for (const pair of pairByKey(old.kpis, now.kpis, kpiNaturalKey)) {
    const kpiKey = `${key}.kpi:${pair.key}`;
    if (!pair.before) collect.added(kpiKey, kpiSubject(pair.after!), kpiSummary(pair.after!));
    else if (!pair.after) collect.removed(kpiKey, kpiSubject(pair.before), kpiSummary(pair.before));
    else diffKpi(collect, kpiKey, pair.before, pair.after);
  }
}

function diffKpi(collect: ChangeCollector, key: string, old: PlanFileKpi, now: PlanFileKpi): void {
  const subject = kpiSubject(now);
  collect.field(`${key}.label`, subject, "指標名", old.label, now.label);
  collect.field(`${key}.unit`, subject, "単位", old.unit, now.unit);
  collect.field(`${key}.direction`, subject, "目指す方向", directionText(old), directionText(now));
  collect.field(`${key}.cumulative`, subject, "累計", yesNo(old.cumulative, "累計", "単年度"), yesNo(now.cumulative, "累計", "単年度"));
  // Values, not their printed text, decide: a changed unit alone is one change, not one per year.
  if (JSON.stringify(old.baseline) !== JSON.stringify(now.baseline)) {
    collect.field(`${key}.baseline`, subject, "基準値", baselineText(old), baselineText(now));
  }
  for (const year of unionYears(old.targets, now.targets)) {
    if (old.targets[year] === now.targets[year]) continue;
    collect.field(
      `${key}.target:${year}`,
      subject,
      yearField(year, "目標値"),
      targetText(old.targets[year], old.unit),
      targetText(now.targets[year], now.unit),
    );
  }
  collect.field(`${key}.note`, subject, "備考", optionalText(old.note), optionalText(now.note));
}

/** The fiscal years of both versions, in order: a period may have been moved or extended. */
function unionYears(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

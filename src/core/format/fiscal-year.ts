/**
 * Fiscal years (年度) run April–March and are stored as their starting
 * Western year. Pages show 和暦 with 西暦 beside it: 令和4年度（2022年度）.
 */
const ERAS = [
  { name: "令和", start: 2019 },
  { name: "平成", start: 1989 },
] as const;

/** 令和4年度; 令和元年度 for the era's first year. */
export function warekiFiscalYear(year: number): string {
  const era = ERAS.find((e) => year >= e.start);
  if (!era) return `${year}年度`;
  const n = year - era.start + 1;
  return `${era.name}${n === 1 ? "元" : n}年度`;
}

/** 令和4年度（2022年度） */
export function fiscalYearLabel(year: number): string {
  return `${warekiFiscalYear(year)}（${year}年度）`;
}

/** 令和4年度（2022年度）〜令和7年度（2025年度） */
export function periodLabel(start: number, end: number): string {
  return `${fiscalYearLabel(start)}〜${fiscalYearLabel(end)}`;
}

/**
 * Days as the public pages print them: 令和8年12月6日 (和暦). Days before
 * 令和 (2019-05-01) are printed in 平成. The input is a day in Japan,
 * "YYYY-MM-DD", or "YYYY-MM" for a month (a plan's adoption is often only
 * printed to the month: 令和4年3月).
 */
export function warekiDateLabel(day: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(day);
  if (!m) return day;
  const [year, month, date] = [Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])];
  const reiwa = year > 2019 || (year === 2019 && month >= 5);
  const n = reiwa ? year - 2018 : year - 1988;
  const era = `${reiwa ? "令和" : "平成"}${n === 1 ? "元" : n}年`;
  return `${era}${month}月${date === undefined ? "" : `${date}日`}`;
}

/** 令和4年3月31日（2022年3月31日） */
export function warekiDateWithWestern(day: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(day);
  if (!m) return day;
  const western = `${Number(m[1])}年${Number(m[2])}月${m[3] === undefined ? "" : `${Number(m[3])}日`}`;
  return `${warekiDateLabel(day)}（${western}）`;
}

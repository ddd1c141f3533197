/**
 * A day as staff write it in a city office, read into "YYYY-MM-DD":
 *   令和7年3月31日 · 令和元年5月1日 · R7.3.31 · R7/3/31 · H31.4.30 · 平成31年4月30日
 *   2025/3/31 · 2025-03-31 · 2025年3月31日 · 2025.3.31
 * Full-width digits and separators (２０２５／３／３１) are read as their
 * ASCII forms. A day that does not exist (2025-02-30), or an era year past
 * the era's end (平成32年), is refused, never rolled over into another day.
 * Shown back consistently with warekiDateWithWestern (wareki-date.ts).
 */
export type ParsedDay = { ok: true; day: string } | { ok: false; message: string };

/** First day of each era we accept; years counted from there (元年 = 1). */
const ERAS: Record<string, { start: [number, number, number]; end?: [number, number, number] }> = {
  令和: { start: [2019, 5, 1] },
  平成: { start: [1989, 1, 8], end: [2019, 4, 30] },
};
const ERA_LETTERS: Record<string, string> = { R: "令和", H: "平成" };

export const DAY_FORMAT_HINT = "令和7年3月31日、R7.3.31、2025/3/31、2025-03-31 のいずれかの形で入力してください";

export function parseJapaneseDay(input: string): ParsedDay {
  const text = toHalfWidth(input).trim().replace(/\s+/g, "");
  if (text === "") return { ok: false, message: "日付を入力してください" };

  const western = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (western) return checkedDay(Number(western[1]), Number(western[2]), Number(western[3]));

  const kanji = /^(令和|平成)(元|\d{1,2})年(\d{1,2})月(\d{1,2})日?$/.exec(text);
  const letter = /^([RrHh])(元|\d{1,2})[./年](\d{1,2})[./月](\d{1,2})日?$/.exec(text);
  const era = kanji ?? letter;
  if (!era) return { ok: false, message: `「${input.trim()}」は日付として読めません。${DAY_FORMAT_HINT}` };
  const eraName = kanji ? era[1]! : ERA_LETTERS[era[1]!.toUpperCase()]!;
  const { start, end } = ERAS[eraName]!;
  const eraYear = era[2] === "元" ? 1 : Number(era[2]);
  if (eraYear < 1) return { ok: false, message: `「${input.trim()}」の年が正しくありません` };
  const year = start[0] + eraYear - 1;
  const parsed = checkedDay(year, Number(era[3]), Number(era[4]));
  if (!parsed.ok) return parsed;
  const key = parsed.day;
  if (key < isoDay(...start) || (end && key > isoDay(...end))) {
    return { ok: false, message: `「${input.trim()}」は${eraName}の期間にない日付です` };
  }
  return parsed;
}

function checkedDay(year: number, month: number, date: number): ParsedDay {
  const probe = new Date(Date.UTC(year, month - 1, date));
  if (month < 1 || month > 12 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== date || year < 1900 || year > 2200) {
    return { ok: false, message: `${year}年${month}月${date}日という日付はありません` };
  }
  return { ok: true, day: isoDay(year, month, date) };
}

function isoDay(year: number, month: number, date: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(date).padStart(2, "0")}`;
}

/** Full-width digits, letters and the separators people type in IME mode. */
function toHalfWidth(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ／．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[ー−‐]/g, "-");
}

/**
 * Japan time for the audit log. Japan has kept UTC+9 without daylight
 * saving since 1951, so a fixed offset is exact for every record we hold.
 */
const OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** 2025-04-01T09:30:05.123+09:00: ISO 8601 with Japan's offset, for the CSV. */
export function japanIso(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().replace("Z", "+09:00");
}

/** 20250401-093005: for file names. */
export function japanStamp(at: Date): string {
  return japanIso(at).slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
}

/** A real day of the Gregorian calendar written YYYY-MM-DD (not 2025-02-30). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const at = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === text;
}

/** The first instant of a day in Japan: 2025-04-01 → 2025-03-31T15:00:00Z. */
export function japanDayStart(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - OFFSET_MS);
}

/** The first instant after a day in Japan: a range "to 2025-04-30" ends before this. */
export function japanDayEnd(isoDate: string): Date {
  return new Date(japanDayStart(isoDate).getTime() + DAY_MS);
}

const DATE_TIME = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** 2025/04/01 09:30:05, as staff read it on the pages. */
export function japanDateTime(at: Date): string {
  return DATE_TIME.format(at);
}

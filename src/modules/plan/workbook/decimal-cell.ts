/**
 * A plan decimal ("38.0", "2600000") as a workbook cell and back. The plan
 * keeps numbers as the strings it printed; a workbook should hold them as
 * numbers (machine-readability rule L2-01), so they are written as numbers
 * with a display format that shows the printed scale (38.0 with "0.0").
 *
 * Reading back gives the plan file's form: digits and one point, no digit
 * grouping (2,000 → "2000", what plan-file-schema's decimalString accepts).
 * A number loses trailing zeros on the way (38.0 is the number 38), so:
 * - an unchanged value (numerically equal to what the plan held) keeps the
 *   plan's string exactly — an upload of an unchanged workbook changes nothing;
 * - a changed value gets at least as many decimals as the cell's display
 *   format shows (typing 39 in a "0.0" cell gives "39.0"), more when typed.
 */

export type DecimalCell = { value: number; numFmt: string } | { text: string };

/** Numbers with more significant digits than a double keeps are written as text, so no digit is lost. */
export function decimalToCell(decimal: string): DecimalCell {
  const n = Number(decimal);
  if (!Number.isFinite(n) || !sameDecimal(decimalOfNumber(n, scaleOf(decimal)), decimal)) return { text: decimal };
  return { value: n, numFmt: numberFormat(scaleOf(decimal)) };
}

/** "#,##0" / "#,##0.0" …: grouped like the printed plan, the scale as printed. */
export function numberFormat(scale: number): string {
  return scale === 0 ? "#,##0" : `#,##0.${"0".repeat(scale)}`;
}

export type DecimalRead = { ok: true; decimal: string | null } | { ok: false; message: string };

const FULL_WIDTH_DIGITS = /[０-９．，－]/g;
const DASHES = new Set(["-", "－", "―", "—", "–", "ー"]);

/**
 * A cell's value as a plan decimal. Empty (or a dash, as the printed plan
 * writes "no value") is null — never 0. `previous` is the plan's string
 * for this place, kept when the number is unchanged.
 */
export function readDecimal(value: unknown, numFmt: string | undefined, previous: string | null | undefined): DecimalRead {
  if (value === null || value === undefined) return { ok: true, decimal: null };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { ok: false, message: "数値として読めません" };
    if (value < 0) return { ok: false, message: "負の数は入力できません" };
    if (previous !== null && previous !== undefined && Number(previous) === value) return { ok: true, decimal: previous };
    return { ok: true, decimal: decimalOfNumber(value, scaleOfFormat(numFmt)) };
  }
  if (typeof value !== "string") return { ok: false, message: "数値を入力してください" };
  const text = value
    .trim()
    .replace(FULL_WIDTH_DIGITS, (ch) => (ch === "．" ? "." : ch === "，" ? "," : ch === "－" ? "-" : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)))
    .replace(/^'/, "");
  if (text === "" || DASHES.has(text)) return { ok: true, decimal: null };
  const plain = text.replace(/,/g, "");
  if (!/^\d{1,3}(,\d{3})*(\.\d+)?$/.test(text) && !/^\d+(\.\d+)?$/.test(text)) {
    return { ok: false, message: `「${value.trim()}」は数値として読めません。半角数字と小数点だけで入力してください（単位や記号は付けません）` };
  }
  if (previous !== null && previous !== undefined && sameDecimal(plain, previous)) return { ok: true, decimal: previous };
  return { ok: true, decimal: plain.replace(/^0+(?=\d)/, "") };
}

function scaleOf(decimal: string): number {
  return (decimal.split(".")[1] ?? "").length;
}

/** Decimals a display format shows: "#,##0.00" → 2; General or none → 0. */
function scaleOfFormat(numFmt: string | undefined): number {
  const match = /\.(0+)/.exec(numFmt ?? "");
  return match ? match[1]!.length : 0;
}

/**
 * The shortest decimal text of a number (no exponent), with at least `minScale`
 * decimals. String(0.1) is "0.1", String(1e21) has an exponent: toFixed with
 * the number's own decimals avoids it for the magnitudes a plan holds.
 */
function decimalOfNumber(n: number, minScale: number): string {
  const shortest = String(n);
  const own = shortest.includes("e") ? expandExponent(n) : shortest;
  const scale = Math.max(scaleOf(own), minScale);
  if (scale === scaleOf(own)) return own;
  const [whole, fraction = ""] = own.split(".");
  return `${whole}.${fraction.padEnd(scale, "0")}`;
}

function expandExponent(n: number): string {
  const digits = Math.min(20, Math.max(0, -Math.floor(Math.log10(Math.abs(n))) + 15));
  return n.toFixed(digits).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

/** "38.0" and "38" are the same number; compared as text, never through a float. */
function sameDecimal(a: string, b: string): boolean {
  const norm = (d: string) => {
    const [whole, fraction = ""] = d.split(".");
    return `${whole!.replace(/^0+(?=\d)/, "")}.${fraction.replace(/0+$/, "")}`;
  };
  return norm(a) === norm(b);
}

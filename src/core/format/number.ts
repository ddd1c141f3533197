/**
 * Decimals are kept as the strings the plan printed ("38.0", "2600000") and
 * shown with digit grouping as printed (2,600,000), never through a float, so
 * the scale and every digit survive.
 */
export function groupDigits(decimal: string): string {
  const negative = decimal.startsWith("-");
  const [whole, fraction] = (negative ? decimal.slice(1) : decimal).split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${fraction !== undefined ? `.${fraction}` : ""}`;
}

/** "190" + "データセット" → "190データセット"; null → the given placeholder. */
export function withUnit(decimal: string | null, unit: string, none = "—"): string {
  return decimal === null ? none : `${groupDigits(decimal)}${unit}`;
}

/**
 * 全国地方公共団体コード: 5 digits (prefecture + municipality) and a check
 * digit: the last digit of 11 − (Σ digit × weight 6,5,4,3,2 mod 11).
 * 36201 → 58 mod 11 = 3 → 11 − 3 = 8 → 362018 (徳島市).
 */
export function lgCodeCheckDigit(first5: string): number {
  const weights = [6, 5, 4, 3, 2];
  const sum = [...first5].reduce((acc, digit, i) => acc + Number(digit) * weights[i]!, 0);
  return (11 - (sum % 11)) % 10;
}

export function isValidLgCode(code: string): boolean {
  return /^\d{6}$/.test(code) && lgCodeCheckDigit(code.slice(0, 5)) === Number(code[5]);
}

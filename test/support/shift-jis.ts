/**
 * Text as Shift_JIS (CP932) bytes, as Excel on Windows saves a CSV. Node
 * decodes Shift_JIS but has no encoder: the table is the platform decoder's
 * own, inverted once over every one- and two-byte code, so the file a test
 * writes is read back by the same decoder the product uses.
 */
let table: Map<string, number[]> | undefined;

function encoderTable(): Map<string, number[]> {
  if (table) return table;
  const decoder = new TextDecoder("shift_jis", { fatal: true });
  const map = new Map<string, number[]>();
  const add = (bytes: number[]) => {
    try {
      const char = decoder.decode(Uint8Array.from(bytes));
      if (char.length >= 1 && char !== "\uFFFD" && !map.has(char)) map.set(char, bytes);
    } catch {
      // not a character in CP932
    }
  };
  for (let b = 0; b < 0x80; b++) add([b]);
  for (let b = 0xa1; b <= 0xdf; b++) add([b]); // half-width katakana
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) if (trail !== 0x7f) add([lead, trail]);
  }
  table = map;
  return map;
}

export function encodeShiftJis(text: string): Uint8Array {
  const map = encoderTable();
  const out: number[] = [];
  for (const char of text) {
    const bytes = map.get(char);
    if (!bytes) throw new Error(`Shift_JIS にない文字です: ${char}`);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}

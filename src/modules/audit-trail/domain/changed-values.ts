/**
 * The compact before/after view of an audit record: only the keys whose
 * values differ, each value as short text. Pure.
 *
 * The commands never write secrets into the log (decision 008), but the view
 * does not rely on it alone: a text value under a key that names a password,
 * secret, token, hash, nonce or verifier is replaced, here and in the CSV.
 */
export type ChangedValue = {
  /** The record's key ("roles", "lockedAt"); "" when before/after are not objects. */
  key: string;
  /** As text; null when the key is absent on that side (or there is no record at all). */
  before: string | null;
  after: string | null;
};

export const REDACTED = "（秘密情報のため表示しません）";
const SECRET_KEY = /password|secret|token|hash|nonce|verifier/i;
/** Long values (a draft's whole list of changes) are cut here on the page; the CSV keeps them whole. */
export const MAX_VALUE_LENGTH = 200;

/** The value with secret-looking text replaced, at any depth. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, typeof v === "string" && SECRET_KEY.test(k) ? REDACTED : redactSecrets(v)]),
    );
  }
  return value;
}

/** A changed key with its values as recorded (secrets redacted); ABSENT where that side has no such key. */
export type ChangedEntry = { key: string; before: unknown; after: unknown };
export const ABSENT: unique symbol = Symbol("absent");

/** The keys whose values differ, values kept as recorded: what describe-record.ts words for people. */
export function changedEntries(before: unknown, after: unknown): ChangedEntry[] {
  const old = redactSecrets(before ?? null);
  const now = redactSecrets(after ?? null);
  if ((isObject(old) || old === null) && (isObject(now) || now === null) && (old !== null || now !== null)) {
    const o = (old ?? {}) as Record<string, unknown>;
    const n = (now ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])];
    return keys
      .filter((k) => JSON.stringify(o[k]) !== JSON.stringify(n[k]))
      .map((k) => ({ key: k, before: k in o ? o[k] : ABSENT, after: k in n ? n[k] : ABSENT }));
  }
  if (JSON.stringify(old) === JSON.stringify(now)) return [];
  return [{ key: "", before: old === null ? ABSENT : old, after: now === null ? ABSENT : now }];
}

export function changedValues(before: unknown, after: unknown): ChangedValue[] {
  const old = redactSecrets(before ?? null);
  const now = redactSecrets(after ?? null);
  if ((isObject(old) || old === null) && (isObject(now) || now === null) && (old !== null || now !== null)) {
    const o = (old ?? {}) as Record<string, unknown>;
    const n = (now ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])];
    return keys
      .filter((k) => JSON.stringify(o[k]) !== JSON.stringify(n[k]))
      .map((k) => ({ key: k, before: k in o ? valueText(o[k]) : null, after: k in n ? valueText(n[k]) : null }));
  }
  if (JSON.stringify(old) === JSON.stringify(now)) return [];
  return [{ key: "", before: old === null ? null : valueText(old), after: now === null ? null : valueText(now) }];
}

/** A value as short text: text as is, null as なし, anything else as compact JSON; cut at MAX_VALUE_LENGTH. */
export function valueText(value: unknown): string {
  const text = value === null || value === undefined ? "なし" : typeof value === "string" ? value : JSON.stringify(value);
  const chars = [...text];
  return chars.length > MAX_VALUE_LENGTH ? `${chars.slice(0, MAX_VALUE_LENGTH).join("")}…（以下省略）` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

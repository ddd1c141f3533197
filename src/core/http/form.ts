/**
 * Reading an HTML form and turning a Zod schema's complaints into the field
 * errors that the form views show (error summary + message at each field).
 */
import type { Context } from "hono";
import type { z } from "zod";

export type FormValues = Record<string, string | string[]>;

/** The submitted fields; repeated names (checkboxes) become arrays; files are ignored. */
export async function readForm(c: Context): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === "string") values[name] = value;
    else if (Array.isArray(value)) values[name] = value.filter((v): v is string => typeof v === "string");
  }
  return values;
}

/** All values of a field, whether it was sent once, several times or not at all. */
export function allValues(values: FormValues, name: string): string[] {
  const value = values[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** One value of a field; a field sent twice counts as absent. */
export function oneValue(values: FormValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** An error tied to a form field: `field` is the input's id (the summary links to it). */
export type FieldError = { field: string; message: string };

/** The first issue of each field, in the schema's field order, mapped to input ids. */
export function fieldErrors(error: z.ZodError, fieldIds: Record<string, string>): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "");
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ field: fieldIds[key] ?? key, message: issue.message });
  }
  const order = Object.values(fieldIds);
  return errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

export const errorFor = (errors: readonly FieldError[], field: string) => errors.find((e) => e.field === field)?.message;

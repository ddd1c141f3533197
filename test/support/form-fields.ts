/**
 * Reads a form of the last page the way a browser would submit it: text and
 * hidden inputs, checked checkboxes, the selected option of each select, and
 * textareas — so a test changes one field and sends everything else as shown.
 */
import { foldSpace } from "./html.ts";

export type FormFields = Record<string, string | string[]>;

const decode = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : undefined;
};
const has = (tag: string, name: string) => new RegExp(`\\s${name}(=|\\s|>|/)`).test(tag);

/** The fields of the form whose action is `action` (the first form when omitted). */
export function formFields(html: string, action?: string): FormFields {
  const forms = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]);
  const form = action === undefined ? forms[0] : forms.find((f) => attr(/<form\b[^>]*>/.exec(f)![0], "action") === action);
  if (!form) throw new Error(`no form with action ${action}`);
  const fields: FormFields = {};
  const add = (name: string, value: string) => {
    const existing = fields[name];
    fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  };
  for (const m of form.matchAll(/<input\b[^>]*>|<select\b[^>]*>[\s\S]*?<\/select>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>/g)) {
    const element = m[0];
    const tag = /^<[^>]*>/.exec(element)![0];
    const name = attr(tag, "name");
    if (!name) continue;
    if (element.startsWith("<input")) {
      const type = attr(tag, "type") ?? "text";
      if (type === "checkbox" || type === "radio") {
        if (has(tag, "checked")) add(name, attr(tag, "value") ?? "on");
      } else if (type !== "submit" && type !== "button") add(name, attr(tag, "value") ?? "");
    } else if (element.startsWith("<select")) {
      const options = [...element.matchAll(/<option\b[^>]*>/g)].map((o) => o[0]);
      const chosen = options.find((o) => has(o, "selected")) ?? options[0];
      add(name, chosen ? (attr(chosen, "value") ?? "") : "");
    } else {
      add(name, decode(m[1] ?? ""));
    }
  }
  return fields;
}

/** The messages shown in the page's error summary. */
export function errorSummary(html: string): string[] {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? "";
  return [...summary.matchAll(/<a href="#([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => foldSpace(decode(m[2]!)));
}

/** The error summary's links: field id → message. */
export function errorLinks(html: string): Record<string, string> {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? "";
  return Object.fromEntries([...summary.matchAll(/<a href="#([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => [m[1]!, foldSpace(decode(m[2]!))]));
}

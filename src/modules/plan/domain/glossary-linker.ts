/**
 * Finds glossary terms in plan text so the portal can link them to their
 * definitions. Longest term first, so 「QRコード決済」 wins over 「QRコード」;
 * each term is linked once per page (the first time it appears), because a
 * page full of links is harder, not easier, to read.
 */
import type { GlossaryTerm } from "../plan.ts";

export type TextPart = string | { text: string; termIndex: number };

export class GlossaryLinker {
  private readonly pattern: RegExp | undefined;
  private readonly indexOf = new Map<string, number>();
  private readonly linked = new Set<number>();

  constructor(terms: GlossaryTerm[]) {
    terms.forEach((t, index) => {
      for (const spelling of [t.term, ...t.aliases]) if (!this.indexOf.has(spelling)) this.indexOf.set(spelling, index);
    });
    const spellings = [...this.indexOf.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.pattern = spellings.length > 0 ? new RegExp(spellings.join("|"), "g") : undefined;
  }

  split(text: string): TextPart[] {
    if (!this.pattern) return [text];
    const parts: TextPart[] = [];
    let last = 0;
    for (const match of text.matchAll(this.pattern)) {
      const termIndex = this.indexOf.get(match[0])!;
      if (this.linked.has(termIndex) || isInsideLatinWord(text, match.index, match[0])) continue;
      this.linked.add(termIndex);
      if (match.index > last) parts.push(text.slice(last, match.index));
      parts.push({ text: match[0], termIndex });
      last = match.index + match[0].length;
    }
    if (last < text.length) parts.push(text.slice(last));
    return parts;
  }
}

/** 「AI」 must not match inside 「MAIL」 or 「RPA」 inside 「RPAS」. */
function isInsideLatinWord(text: string, at: number, term: string): boolean {
  const latin = /[A-Za-z]/;
  if (!latin.test(term[0]!) && !latin.test(term[term.length - 1]!)) return false;
  const before = text[at - 1];
  const after = text[at + term.length];
  return (before !== undefined && latin.test(before) && latin.test(term[0]!)) ||
    (after !== undefined && latin.test(after) && latin.test(term[term.length - 1]!));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

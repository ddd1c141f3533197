/** The text a reader sees in an HTML document: tags removed, entities decoded, white space folded. */
export function visibleText(html: string): string {
  return foldSpace(
    decodeEntities(
      html
        .replace(/<(script|style|title)[^>]*>[\s\S]*?<\/\1>/gi, " ")
        .replace(/<[^>]+>/g, ""),
    ),
  );
}

export function foldSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}

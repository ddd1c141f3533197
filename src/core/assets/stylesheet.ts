/**
 * The one stylesheet: the Digital Agency design tokens followed by our own
 * rules, read once at start-up and served under a content-hashed URL so
 * browsers cache it for good (no inline styles: the CSP forbids them).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function build() {
  const tokens = readFileSync(require.resolve("@digital-go-jp/design-tokens/dist/tokens.css"), "utf8");
  const site = readFileSync(new URL("./site.css", import.meta.url), "utf8");
  const body = `${tokens}\n${site}`;
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 12);
  return { body, path: `/assets/site.${hash}.css` };
}

export const stylesheet = build();

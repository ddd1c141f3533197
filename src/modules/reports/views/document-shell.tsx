/**
 * The frame of a printed document: one self-contained HTML page (inline
 * print CSS, no scripts, no network) with <html lang="ja"> and a <title>,
 * which Chromium turns into the PDF's language and document title; a cover;
 * the contents with the page numbers found by the previous print (print.ts).
 */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { headingKey, type HeadingPages } from "../../../core/pdf/print.ts";
import type { Heading } from "../domain/content.ts";

export function PrintDocument(props: { title: string; css: string; draft: boolean; children: Child }) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="ja">
        <head>
          <meta charset="utf-8" />
          <title>{props.title}</title>
          <style>{raw(props.css)}</style>
        </head>
        <body>
          {props.draft ? (
            <div class="watermark" aria-hidden="true">
              案
            </div>
          ) : null}
          {props.children}
        </body>
      </html>
    </>
  );
}

export function Cover(props: { municipality: string; title: string; lines: string[]; date: string; draft: boolean }) {
  return (
    <section class="cover">
      {props.draft ? <p class="draft-mark">案</p> : null}
      <p class="municipality">{props.municipality}</p>
      <h1>{props.title}</h1>
      {props.lines.map((line) => (
        <p class="year">{line}</p>
      ))}
      <p class="date">{props.date}</p>
    </section>
  );
}

/** The contents: each heading with its page (blank in the first print, which only measures). */
export function Contents(props: { headings: Heading[]; pages: HeadingPages | undefined }) {
  return (
    <nav class="contents page">
      <h2 id="contents">目次</h2>
      <ol>
        {props.headings.map((h) => (
          <li class={`level-${h.level}`}>
            <a href={`#${h.id}`}>{h.text}</a>
            <span class="fill" aria-hidden="true"></span>
            <span class="pageno">{props.pages?.get(headingKey(h.text)) ?? ""}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * The page frame shared by every public page: skip link, header with the
 * municipality's name, global navigation, breadcrumbs, main, footer.
 * Native HTML landmarks first; ARIA only where HTML cannot say it.
 */
import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import { stylesheet } from "../assets/stylesheet.ts";

export type Crumb = { href?: string; label: string };
export type NavItem = { href: string; label: string; current?: boolean };

export type LayoutProps = {
  title: string;
  /** The site this page belongs to, e.g. 徳島市DX推進計画; shown in the header and the <title>. */
  siteName: string;
  siteHref: string;
  nav?: NavItem[];
  crumbs?: Crumb[];
  description?: string;
  /** A note about everything on the site, shown first in <main> (e.g. that its data are samples). */
  notice?: string;
  /** Shown first in the footer (the portal's 「お問い合わせ」). */
  footer?: Child;
  children: Child;
};

export function Layout(props: LayoutProps) {
  const fullTitle = props.title === props.siteName ? props.title : `${props.title}｜${props.siteName}`;
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="ja">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{fullTitle}</title>
          {props.description ? <meta name="description" content={props.description} /> : null}
          <link rel="stylesheet" href={stylesheet.path} />
        </head>
        <body>
          <a class="skip-link" href="#main">
            本文へ移動
          </a>
          <header class="site-header">
            <div class="container">
              <a class="site-name" href={props.siteHref}>
                {props.siteName}
              </a>
            </div>
            {props.nav && props.nav.length > 0 ? (
              <nav class="global-nav" aria-label="サイト内">
                {/* On a phone the list folds into a native disclosure (no script
                    needed); on wider screens site.css shows it as a bar. */}
                <details class="nav-menu">
                  <summary class="container">メニュー</summary>
                  <ul class="container">
                    {props.nav.map((item) => (
                      <li>
                        <a href={item.href} aria-current={item.current ? "page" : undefined}>
                          {item.label}
                        </a>
                      </li>
                    ))}
                  </ul>
                </details>
              </nav>
            ) : null}
          </header>
          {props.crumbs && props.crumbs.length > 0 ? (
            <nav class="breadcrumbs container" aria-label="現在位置">
              <ol>
                {props.crumbs.map((crumb) => (
                  <li>{crumb.href ? <a href={crumb.href}>{crumb.label}</a> : <span aria-current="page">{crumb.label}</span>}</li>
                ))}
              </ol>
            </nav>
          ) : null}
          <main id="main" class="container" tabindex={-1}>
            {props.notice ? <p class="demo-banner">{props.notice}</p> : null}
            {props.children}
          </main>
          <footer class="site-footer">
            <div class="container">
              {props.footer}
              <ul class="footer-links">
                <li>
                  <a href="/accessibility">ウェブアクセシビリティ方針</a>
                </li>
                <li>
                  <a href="/api/openapi.json">API仕様（OpenAPI）</a>
                </li>
              </ul>
              <p>誰一人取り残さない、安全・安心で利便性の高いデジタル社会の実現</p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}

/**
 * The scroller around a table: on a narrow screen a wide table scrolls inside
 * it instead of the page. It is a named region in the tab order so that a
 * keyboard user can scroll it too (WCAG 2.1.1; axe: scrollable-region-focusable).
 */
export function TableWrap(props: { label: string; children: Child }) {
  return (
    <div class="table-wrap" role="region" aria-label={props.label} tabindex={0}>
      {props.children}
    </div>
  );
}

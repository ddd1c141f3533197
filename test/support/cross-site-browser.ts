/**
 * A browser for flows that leave the app and come back (OIDC sign-in): one
 * cookie jar that keeps cookies per host and path as browsers do, requests
 * to the app's origin through app.request() (with a client address), any
 * other origin over the network, redirects followed one by one, and forms
 * submitted with their hidden fields.
 *
 *   const b = new CrossSiteBrowser(app);
 *   let page = await b.open("http://localhost/362018/staff/sign-in/oidc");  // → the provider's login form
 *   page = await b.submit(page, { username: "hanako", password: "…" });
 */
import type { Hono } from "hono";
import { parseSetCookie } from "./session.ts";

export const APP_ORIGIN = "http://localhost";

type StoredCookie = { host: string; path: string; name: string; value: string };

export type Page = { url: string; status: number; headers: Headers; html: string };

export class CrossSiteBrowser {
  private cookies: StoredCookie[] = [];
  /** Every URL visited, in order (redirects included): the tests read the authorization request from it. */
  readonly visited: string[] = [];

  constructor(
    private readonly app: Hono<any>,
    public ip = "192.0.2.40",
  ) {}

  /** One request, no redirect followed; cookies sent and stored. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    this.visited.push(target.href);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(target);
    if (cookie) headers.set("Cookie", cookie);
    const res =
      target.origin === APP_ORIGIN
        ? await this.app.request(target.href, { ...init, headers }, { incoming: { socket: { remoteAddress: this.ip } } })
        : await fetch(target, { ...init, headers, redirect: "manual" });
    for (const header of res.headers.getSetCookie()) this.store(target, header);
    return res;
  }

  /** GET, following redirects to the page at the end. */
  async open(url: string, options: { stopAt?: (url: URL) => boolean } = {}): Promise<Page> {
    return this.follow(await this.request(url), url, options);
  }

  /**
   * Submits the page's first form (POST, urlencoded): its hidden fields and
   * the given ones, to its action resolved against the page's address.
   */
  async submit(page: Page, fields: Record<string, string> = {}, options: { stopAt?: (url: URL) => boolean } = {}): Promise<Page> {
    const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(page.html);
    if (!form) throw new Error(`no form on ${page.url}:\n${page.html}`);
    const body = new URLSearchParams();
    for (const [, name, value] of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]*)"[^>]*value="([^"]*)"/gi)) {
      body.append(name!, value!);
    }
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    const action = new URL(form[1]!.replace(/&amp;/g, "&"), page.url).href;
    const res = await this.request(action, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    return this.follow(res, action, options);
  }

  /** The cookie's value as this browser would send it to the URL, if it would. */
  cookieFor(url: string, name: string): string | undefined {
    return this.matching(new URL(url)).find((c) => c.name === name)?.value;
  }

  private async follow(first: Response, url: string, options: { stopAt?: (url: URL) => boolean }): Promise<Page> {
    let res = first;
    let current = url;
    for (let hops = 0; res.status >= 300 && res.status < 400 && res.headers.has("location"); hops++) {
      if (hops > 20) throw new Error(`too many redirects from ${url}`);
      const next = new URL(res.headers.get("location")!, current);
      if (options.stopAt?.(next)) return { url: next.href, status: res.status, headers: res.headers, html: "" };
      current = next.href;
      res = await this.request(current);
    }
    return { url: current, status: res.status, headers: res.headers, html: await res.text() };
  }

  private store(from: URL, header: string): void {
    const parsed = parseSetCookie(header);
    const rawPath = parsed.attributes.get("path");
    const path = rawPath?.startsWith("/") ? rawPath : from.pathname.replace(/\/[^/]*$/, "") || "/";
    this.cookies = this.cookies.filter((c) => !(c.host === from.host && c.path === path && c.name === parsed.name));
    const expires = parsed.attributes.get("expires");
    const gone =
      parsed.attributes.get("max-age") === "0" || parsed.value === "" || (expires !== undefined && Date.parse(expires) <= Date.now());
    if (!gone) this.cookies.push({ host: from.host, path, name: parsed.name, value: parsed.value });
  }

  private matching(url: URL): StoredCookie[] {
    const pathMatches = (path: string) =>
      url.pathname === path || (url.pathname.startsWith(path) && (path.endsWith("/") || url.pathname[path.length] === "/"));
    // Longer paths first, as browsers order them.
    return this.cookies.filter((c) => c.host === url.host && pathMatches(c.path)).sort((a, b) => b.path.length - a.path.length);
  }

  private cookieHeader(url: URL): string | undefined {
    const cookies = this.matching(url);
    return cookies.length > 0 ? cookies.map((c) => `${c.name}=${c.value}`).join("; ") : undefined;
  }
}

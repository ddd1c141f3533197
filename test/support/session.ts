/**
 * A tiny browser for HTTP-level tests of the staff area: keeps cookies
 * between app.request() calls, remembers the last page, finds its CSRF
 * token, and presents a client IP address (as the Node server would).
 */
import type { Hono } from "hono";

export type SetCookie = { name: string; value: string; attributes: Map<string, string> };

export function parseSetCookie(header: string): SetCookie {
  const [pair, ...attrs] = header.split(";").map((s) => s.trim());
  const eq = pair!.indexOf("=");
  const attributes = new Map<string, string>();
  for (const a of attrs) {
    const i = a.indexOf("=");
    attributes.set((i < 0 ? a : a.slice(0, i)).toLowerCase(), i < 0 ? "" : a.slice(i + 1));
  }
  return { name: pair!.slice(0, eq), value: decodeURIComponent(pair!.slice(eq + 1)), attributes };
}

export class TestBrowser {
  readonly cookies = new Map<string, string>();
  lastHtml = "";
  lastSetCookies: SetCookie[] = [];

  constructor(
    private readonly app: Hono<any>,
    public ip = "192.0.2.10",
    private readonly origin = "http://localhost",
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const url = path.startsWith("http") ? path : `${this.origin}${path}`;
    const res = await this.app.request(url, { ...init, headers }, { incoming: { socket: { remoteAddress: this.ip } } });
    this.lastSetCookies = res.headers.getSetCookie().map(parseSetCookie);
    for (const cookie of this.lastSetCookies) {
      if (cookie.attributes.get("max-age") === "0" || cookie.value === "") this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    if ((res.headers.get("content-type") ?? "").startsWith("text/html")) this.lastHtml = await res.clone().text();
    return res;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { headers });
  }

  /**
   * Submits a form. `_csrf` is taken from the last page shown unless the
   * fields say otherwise (null: send none).
   */
  post(
    path: string,
    fields: Record<string, string | string[] | null> = {},
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    const withToken = "_csrf" in fields ? fields : { _csrf: this.csrfToken() ?? null, ...fields };
    for (const [name, value] of Object.entries(withToken)) {
      if (value === null) continue;
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
    return this.request(path, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    });
  }

  /** The CSRF token of the last HTML page, if it had a form with one. */
  csrfToken(): string | undefined {
    return /name="_csrf" value="([^"]+)"/.exec(this.lastHtml)?.[1];
  }

  get sessionToken(): string | undefined {
    return this.cookies.get("dxp_session");
  }
}

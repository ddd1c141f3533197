/**
 * A small HTTP client for the mixed load: one keep-alive connection per
 * simulated person (as a browser keeps one), a cookie jar, and reading a
 * page's form (its action, hidden fields, inputs, text areas, selects) so a
 * save posts what the browser would, CSRF token included.
 */
import { Agent, request } from "node:http";
import { gunzipSync } from "node:zlib";

export type Answer = { status: number; headers: Record<string, string>; body: string; ms: number };

export class Client {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly base: string,
    /** false: the body is read but not decoded (public readers need only the status; decoding costs the load generator's CPU). */
    private readonly decode = true,
    private readonly timeoutMs = 30_000,
  ) {}

  get(path: string): Promise<Answer> {
    return this.send("GET", path);
  }

  post(path: string, fields: [string, string][]): Promise<Answer> {
    return this.send("POST", path, new URLSearchParams(fields).toString());
  }

  close() {
    this.agent.destroy();
  }

  private send(method: "GET" | "POST", path: string, body?: string): Promise<Answer> {
    const headers: Record<string, string> = { "Accept-Encoding": "gzip", Accept: "text/html" };
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (body !== undefined) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      headers["Content-Length"] = String(Buffer.byteLength(body));
    }
    const started = performance.now();
    return new Promise((resolve) => {
      const req = request(this.base + path, { method, agent: this.agent, headers, timeout: this.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", () => resolve({ status: 0, headers: {}, body: "", ms: performance.now() - started }));
        res.on("end", () => {
          for (const line of res.headers["set-cookie"] ?? []) this.setCookie(line);
          const raw = Buffer.concat(chunks);
          let text = "";
          try {
            if (this.decode) text = (res.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
          } catch {
            text = "";
          }
          const flat: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") flat[k] = v;
          resolve({ status: res.statusCode ?? 0, headers: flat, body: text, ms: performance.now() - started });
        });
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", () => resolve({ status: 0, headers: {}, body: "", ms: performance.now() - started }));
      req.end(body);
    });
  }

  private setCookie(line: string) {
    const [pair, ...attrs] = line.split(";");
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
    if (expired || value === "") this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

/** The fields a browser would submit with the form whose action ends with `actionSuffix` (first submit button not included). */
export function formFields(html: string, actionSuffix: string): { action: string; fields: [string, string][] } | undefined {
  const forms = html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g);
  for (const [, attrs, inner] of forms) {
    const action = unescape(/\baction="([^"]*)"/.exec(attrs!)?.[1] ?? "");
    if (!action.split("?")[0]!.endsWith(actionSuffix)) continue;
    const fields: [string, string][] = [];
    for (const m of inner!.matchAll(/<input\b([^>]*)>/g)) {
      const a = m[1]!;
      const name = attr(a, "name");
      if (name === undefined) continue;
      const type = (attr(a, "type") ?? "text").toLowerCase();
      if (type === "submit" || type === "button" || type === "file") continue;
      if ((type === "checkbox" || type === "radio") && !/\bchecked\b/.test(a)) continue;
      fields.push([name, attr(a, "value") ?? (type === "checkbox" ? "on" : "")]);
    }
    for (const m of inner!.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = attr(m[1]!, "name");
      if (name !== undefined) fields.push([name, unescape(m[2]!.replace(/^\n/, ""))]);
    }
    for (const m of inner!.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attr(m[1]!, "name");
      if (name === undefined) continue;
      const options = [...m[2]!.matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/g)];
      const chosen = options.find((o) => /\bselected\b/.test(o[1]!)) ?? options[0];
      if (chosen) fields.push([name, attr(chosen[1]!, "value") ?? unescape(chosen[2]!)]);
    }
    return { action, fields };
  }
  return undefined;
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(attrs);
  return m ? unescape(m[1]!) : undefined;
}

function unescape(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, "&");
}

/**
 * Holes found from outside (issue #9 §4): request bodies are refused at
 * their route's limit before they are read (a declared 300 MB sign-in POST,
 * a chunked body that runs past the limit), while the largest legitimate
 * forms still go through; and the session cookie is Secure behind a TLS
 * proxy when the proxy is trusted, or when COOKIE_SECURE=always says so.
 */
import { serve } from "@hono/node-server";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BODY_LIMITS, createApp, DEFAULT_BODY_LIMIT } from "../../src/app.ts";
import { LICENSES, type Config } from "../../src/config.ts";
import { createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { loadTokushima } from "../support/fixtures.ts";
import { formFields } from "../support/form-fields.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";

const SIGN_IN = "/362018/staff/sign-in";

/** Sends raw HTTP/1.1 and collects the answer; `feed` writes the body and is stopped once the answer starts. */
function rawRequest(port: number, head: string, feed: (write: (chunk: string) => boolean, answered: () => boolean) => Promise<void>) {
  return new Promise<{ response: string; sentBodyBytes: number }>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let response = "";
    let sentBodyBytes = 0;
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => (response += d));
    socket.on("error", () => {}); // the server may close while we still write: that is the point
    socket.on("close", () => resolve({ response, sentBodyBytes }));
    socket.on("connect", () => {
      socket.write(head);
      feed(
        (chunk) => {
          if (socket.destroyed) return false;
          sentBodyBytes += Buffer.byteLength(chunk);
          return socket.write(chunk);
        },
        () => response !== "",
      ).then(
        // The server closes the connection after its answer (413, or the request's Connection: close).
        () => setTimeout(() => socket.destroy(), 20_000).unref(),
        reject,
      );
    });
  });
}

const pause = () => new Promise((r) => setTimeout(r, 5));

describeEachDatabase("request limits and the Secure cookie", (ctx) => {
  let viewer: TestStaff;
  let server: ReturnType<typeof serve>;
  let port: number;
  const appWith = (config: Partial<Pick<Config, "trustProxy" | "cookieSecure">> = {}) =>
    createApp({ db: ctx.db, config: { license: LICENSES["pdl-1.0"], siteUrl: undefined, ...config } });

  beforeAll(async () => {
    await loadTokushima(ctx.db);
    viewer = await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"] });
    const app = appWith();
    port = await new Promise<number>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => resolve(info.port));
    });
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it("answers a sign-in POST declaring 300 MB with 413 before any of the body is sent, and closes the connection", async () => {
    const head =
      `POST ${SIGN_IN} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `Content-Length: ${300 * 1024 * 1024}\r\n\r\n`;
    // Nothing of the body is written: a server that read it first would never answer.
    const { response, sentBodyBytes } = await rawRequest(port, head, async () => {});
    expect(sentBodyBytes).toBe(0);
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response).toMatch(/\r\nconnection: close\r\n/i);
    const text = visibleText(response.slice(response.indexOf("\r\n\r\n")));
    expect(text).toContain("送信された内容が大きすぎます");
    expect(text).toContain("このページから送信できる内容は32KBまでです");
  });

  it("cuts a chunked sign-in body without a length where it passes the limit", async () => {
    const head =
      `POST ${SIGN_IN} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      "Transfer-Encoding: chunked\r\n\r\n";
    const chunk = "x".repeat(8 * 1024);
    const { response, sentBodyBytes } = await rawRequest(port, head.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"), async (write, answered) => {
      write(`${(2).toString(16)}\r\nx=\r\n`);
      // Up to 4 MB; the answer must come long before.
      for (let i = 0; i < 512 && !answered(); i++) {
        if (!write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) break;
        await pause();
      }
      write("0\r\n\r\n");
    });
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(visibleText(response)).toContain("送信された内容が大きすぎます");
    expect(sentBodyBytes).toBeLessThan(1024 * 1024);

    // A small chunked body passes through to the form as usual.
    const body = new URLSearchParams({ loginId: viewer.loginId, password: "not the password" }).toString();
    const small = await rawRequest(port, head.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"), async (write) => {
      write(`${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`);
    });
    expect(small.response).toMatch(/^HTTP\/1\.1 400 /);
    expect(visibleText(small.response)).toContain("ログインIDまたはパスワードが正しくありません");
  });

  it("still takes the largest legitimate forms: a long password at sign-in, the whole glossary, a report-sized staff form", async () => {
    const signInLimit = BODY_LIMITS[0]!.maxBytes;
    expect(signInLimit).toBe(32 * 1024);
    expect(DEFAULT_BODY_LIMIT).toBeLessThan(signInLimit);
    const b = new TestBrowser(appWith());
    await b.get(SIGN_IN);
    // The longest password the form accepts, in Japanese: about 23 KB once form-encoded.
    const longPassword = await b.post(SIGN_IN, { loginId: viewer.loginId, password: "あ".repeat(2560) });
    expect(longPassword.status).toBe(400);
    expect(visibleText(b.lastHtml)).toContain("ログインIDまたはパスワードが正しくありません");

    const secretariat = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true });
    const staff = new TestBrowser(appWith());
    await signInAs(ctx.db, staff, secretariat);
    const [plan] = await ctx.db.query<{ id: number }>("select id from plan order by id desc limit 1");
    await staff.get("/362018/staff/plan");
    const draft = (await staff.post(`/362018/staff/plan/${plan!.id}/drafts`)).headers.get("location")!.split("?")[0]!;
    await staff.get(`${draft}/glossary`);
    const glossary = formFields(staff.lastHtml, `${draft}/glossary`);
    const size = new URLSearchParams(Object.entries(glossary).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x]))).toString().length;
    expect(size).toBeGreaterThan(25 * 1024);
    const saved = await staff.post(`${draft}/glossary`, glossary);
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${draft}/glossary?notice=saved`);
    // A report with every text at its 4,000-character limit sends about 180 KB: within the staff limit.
    await staff.get(`${draft}/glossary`);
    const shown = formFields(staff.lastHtml, `${draft}/glossary`);
    const padded = await staff.post(`${draft}/glossary`, { ...shown, note: "あ".repeat(5 * 4000) });
    expect(padded.status).not.toBe(413);
    expect(padded.status).toBe(303);
  });

  it("marks the session cookie Secure behind a trusted TLS proxy, ignores the header otherwise, and obeys COOKIE_SECURE", async () => {
    const secureAfterSignIn = async (config: Partial<Pick<Config, "trustProxy" | "cookieSecure">>, headers: Record<string, string>) => {
      const b = new TestBrowser(appWith(config), "192.0.2.60");
      await b.get(SIGN_IN, headers);
      expect((await b.post(SIGN_IN, { loginId: viewer.loginId, password: viewer.password }, headers)).status).toBe(303);
      const cookie = b.lastSetCookies.find((c) => c.name === "dxp_session")!;
      expect(cookie.attributes.has("httponly")).toBe(true);
      return cookie.attributes.has("secure");
    };
    const https = { "X-Forwarded-Proto": "https" };
    expect(await secureAfterSignIn({ trustProxy: true }, https)).toBe(true);
    // The last entry is the proxy's own; an earlier one was sent by the client.
    expect(await secureAfterSignIn({ trustProxy: true }, { "X-Forwarded-Proto": "https, http" })).toBe(false);
    expect(await secureAfterSignIn({ trustProxy: true }, {})).toBe(false);
    // Without TRUST_PROXY anyone could send the header: it is ignored.
    expect(await secureAfterSignIn({ trustProxy: false }, https)).toBe(false);
    expect(await secureAfterSignIn({}, https)).toBe(false);
    expect(await secureAfterSignIn({ cookieSecure: "always" }, {})).toBe(true);
    expect(await secureAfterSignIn({ trustProxy: true, cookieSecure: "never" }, https)).toBe(false);
  });
});

/**
 * The people of the mixed load. A staff member signs in through the real
 * pages (CSRF token from the sign-in form), then, until the end, browses —
 * staff home, my tasks, one of the division's report pages — and saves the
 * report's text through the report page's own form (every field as the page
 * filled it, one text area changed), following the redirect as a browser
 * does; with a pause between steps (reading, typing). A public reader asks
 * for public pages one after another without pause, on its own connection.
 */
import { Client, formFields } from "./client.ts";
import type { Recorder } from "./recorder.ts";
import { BENCH_PASSWORD, type StaffAccount } from "./setup.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
const brief = (body: string) => body.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 200);

export async function signIn(client: Client, lgCode: string, loginId: string): Promise<{ ok: boolean; detail: string }> {
  const page = await client.get(`/${lgCode}/staff/sign-in`);
  const form = formFields(page.body, "/sign-in");
  if (page.status !== 200 || !form) return { ok: false, detail: `sign-in page: ${page.status}` };
  const fields = form.fields.filter(([k]) => k !== "loginId" && k !== "password");
  const res = await client.post(form.action, [...fields, ["loginId", loginId], ["password", BENCH_PASSWORD]]);
  return { ok: res.status === 303 && client.cookies.has("dxp_session"), detail: `sign-in: ${res.status} ${brief(res.body)}` };
}

export type StaffRun = { stopAt: number; thinkMs: number; lgCode: string; saveShare: number };

export async function staffMember(base: string, person: StaffAccount, client: Client, rec: Recorder, run: StaffRun): Promise<void> {
  const think = () => sleep(run.thinkMs * (0.5 + Math.random()));
  const read = async (path: string) => {
    const t0 = performance.now();
    const res = await client.get(path);
    const ok = res.status === 200;
    rec.add("staff read", t0, res.ms, res.status, !ok, `GET ${path}: ${res.status} ${brief(res.body)}`);
    // Signed out (the session was lost): sign in again, as the person would.
    if (res.status === 303 && (res.headers.location ?? "").includes("/sign-in")) await signIn(client, run.lgCode, person.loginId);
    return ok ? res : undefined;
  };
  const save = async (action: string, fields: [string, string][]) => {
    const t0 = performance.now();
    const res = await client.post(action, fields);
    // A 409 is the app's conflict page (two saves of one report), not a fault.
    const ok = res.status === 303 || res.status === 409;
    rec.add("staff save", t0, res.ms, res.status, !ok, `POST ${action}: ${res.status} ${brief(res.body)}`);
    return res;
  };
  let saves = 0;
  // Start spread over one pause, not all at once.
  await sleep(Math.random() * run.thinkMs);
  while (rec.now() < run.stopAt) {
    await read(`/${run.lgCode}/staff`);
    await think();
    if (rec.now() >= run.stopAt) break;
    await read(`/${run.lgCode}/staff/my-tasks`);
    await think();
    if (rec.now() >= run.stopAt) break;
    const report = pick(person.reports);
    const page = await read(report);
    await think();
    // Most visits only read the report; some end in a save.
    if (!page || rec.now() >= run.stopAt || Math.random() >= run.saveShare) continue;
    const form = formFields(page.body, "/save");
    if (!form) {
      rec.add("staff save", performance.now(), 0, -1, true, `${report}: no save form on the page`);
      continue;
    }
    // The first text area of the report (not the step's comment) gets new text.
    const target = form.fields.find(([k]) => k !== "comment" && textareaNamed(page.body, k));
    if (!target) {
      rec.add("staff save", performance.now(), 0, -1, true, `${report}: no text area in the save form`);
      continue;
    }
    target[1] = `負荷試験の保存 ${person.loginId} ${++saves}（${new Date().toISOString()}）`;
    let res = await save(form.action, form.fields);
    // 409: another member of the division saved the same report in between. The conflict page keeps the typed
    // text with the newer version; the person reads it and presses 保存 again, as the page asks.
    if (res.status === 409) {
      await think();
      const again = formFields(res.body, "/save");
      if (again) res = await save(again.action, again.fields);
    }
    if (res.status === 303 && res.headers.location) await read(res.headers.location.replace(/^https?:\/\/[^/]+/, ""));
    await think();
  }
}

function textareaNamed(html: string, name: string): boolean {
  return new RegExp(`<textarea\\b[^>]*\\bname="${name}"`).test(html);
}

export async function publicReader(base: string, paths: string[], rec: Recorder, stopAt: number): Promise<void> {
  const client = new Client(base, false);
  try {
    while (rec.now() < stopAt) {
      const path = pick(paths);
      const t0 = performance.now();
      const res = await client.get(path);
      rec.add("public", t0, res.ms, res.status, res.status !== 200, `GET ${path}: ${res.status}`);
      // An answer that fails at once (connection refused) would otherwise spin: a breath.
      if (res.status === 0) await sleep(50);
    }
  } finally {
    client.close();
  }
}

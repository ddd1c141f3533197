/**
 * Every request of the mixed load, by class, with when it started (ms since
 * the load began), how long it took and its status; summaries per class and
 * per time window (before, during and after a database restart). A request
 * belongs to the window in which its answer arrived: under load an answer can
 * take seconds, and a request sent just before a restart fails during it.
 */
export type RequestClass = "staff read" | "staff save" | "public";
export const CLASSES: RequestClass[] = ["staff read", "staff save", "public"];

type Sample = { t: number; ms: number; status: number; error: boolean };

export type Summary = { requests: number; rps: number; p50: number; p99: number; errors: number; conflicts: number; statuses: string };

export class Recorder {
  private readonly samples = new Map<RequestClass, Sample[]>(CLASSES.map((c) => [c, []]));
  /** The first error's detail per class and status, to say what went wrong. */
  readonly firstErrors = new Map<string, string>();
  readonly began = performance.now();
  /** Set when the load stops: a person's last step may end a pause later, and is not part of the rate. */
  private endedAt: number | undefined;

  /** `error`: not what a browser should get (no answer, 5xx, or an unexpected status for the step). */
  add(cls: RequestClass, startedAt: number, ms: number, status: number, error: boolean, detail?: string) {
    this.samples.get(cls)!.push({ t: startedAt - this.began, ms, status, error });
    const key = `${cls} ${status}`;
    if (error && !this.firstErrors.has(key)) this.firstErrors.set(key, detail ?? "");
  }

  now(): number {
    return performance.now() - this.began;
  }

  /** The measured time ends at `t` (ms since the load began): later requests are left out. */
  end(t: number) {
    this.endedAt = t;
  }

  summary(cls: RequestClass, from = 0, until = Infinity): Summary {
    const to = Math.min(until, this.endedAt ?? Infinity);
    const xs = this.samples.get(cls)!.filter((s) => s.t + s.ms >= from && s.t + s.ms < to);
    const ok = xs.filter((s) => !s.error).map((s) => s.ms).sort((a, b) => a - b);
    const q = (p: number) => (ok.length ? ok[Math.min(ok.length - 1, Math.ceil(p * ok.length) - 1)]! : NaN);
    const seconds = (Math.min(to, this.now()) - from) / 1000;
    const byStatus = new Map<number, number>();
    for (const s of xs) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
    return {
      requests: xs.length,
      rps: seconds > 0 ? xs.length / seconds : 0,
      p50: q(0.5),
      p99: q(0.99),
      errors: xs.filter((s) => s.error).length,
      conflicts: xs.filter((s) => s.status === 409).length,
      statuses: [...byStatus].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s === 0 ? "no answer" : s}×${n}`).join(" "),
    };
  }

  /** Errors of every class in [from, to), and the last one's time. */
  errorsBetween(from: number, until: number): { count: number; last: number | undefined } {
    const to = Math.min(until, this.endedAt ?? Infinity);
    let count = 0;
    let last: number | undefined;
    for (const xs of this.samples.values()) {
      for (const s of xs) {
        const answered = s.t + s.ms;
        if (!s.error || answered < from || answered >= to) continue;
        count++;
        last = Math.max(last ?? -Infinity, answered);
      }
    }
    return { count, last };
  }
}

/**
 * Runs the deadline reminders in the server process: once at start and then
 * every hour. Running more often than daily is deliberate: the reminders are
 * idempotent per cycle, division and Japanese calendar day (reminder_sent),
 * so an hourly run simply picks up the new day soon after midnight in Japan,
 * whatever time the server was started, and a run missed while the server was
 * down is made up the same day.
 */
import type { Database } from "../../core/db/database.ts";
import { sendDeadlineReminders } from "./commands/send-reminders.ts";

const HOUR_MS = 60 * 60 * 1000;

export class ReminderTimer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly options: { daysBefore: readonly number[]; siteUrl?: string; intervalMs?: number },
  ) {}

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.intervalMs ?? HOUR_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    this.running = this.running
      .then(() => sendDeadlineReminders(this.db, new Date(), this.options.daysBefore, { siteUrl: this.options.siteUrl }))
      .then((run) => {
        if (run.divisions > 0) console.log(`提出期限のお知らせを ${run.divisions} 課（${run.mails} 通）に送りました。`);
      })
      .catch((error: unknown) => console.error("提出期限のお知らせを送れませんでした:", error instanceof Error ? error.message : error));
  }
}

/**
 * Sends what the outbox holds through SMTP. Runs in the server process on a
 * timer; each batch is one transaction whose rows are locked (SKIP LOCKED),
 * so several server processes on one PostgreSQL never send a mail twice.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type { Database } from "../db/database.ts";
import { claimDueMail, markFailed, markSent } from "./outbox-queries.ts";

export type SmtpSettings = { url: string; from: string };

export class MailDispatcher {
  private readonly transport: Transporter;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly db: Database,
    private readonly smtp: SmtpSettings,
  ) {
    this.transport = nodemailer.createTransport(smtp.url);
  }

  /** Sends every due mail once; returns how many were sent. */
  async dispatchDue(batchSize = 20): Promise<number> {
    return this.db.transaction(async (tx) => {
      let sent = 0;
      for (const mail of await claimDueMail(tx, batchSize)) {
        try {
          await this.transport.sendMail({ from: this.smtp.from, to: mail.to_address, subject: mail.subject, text: mail.body });
          await markSent(tx, mail.id);
          sent++;
        } catch (error) {
          await markFailed(tx, mail.id, error instanceof Error ? error.message : String(error));
        }
      }
      return sent;
    });
  }

  start(intervalMs = 30_000): void {
    this.timer = setInterval(() => {
      this.running ??= this.dispatchDue()
        .catch((error) => {
          console.error("メール送信処理に失敗しました:", error);
          return 0;
        })
        .finally(() => (this.running = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    this.transport.close();
  }
}

/**
 * Mail goes through a real SMTP conversation: a local SMTP server (the
 * smtp-server package) on loopback receives what the dispatcher sends.
 */
import { simpleParser } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MailDispatcher } from "../../src/core/mail/mail-dispatcher.ts";
import { enqueueMail } from "../../src/core/mail/outbox-queries.ts";
import { describeEachDatabase } from "../support/databases.ts";

type Received = { from: string; to: string[]; subject: string; text: string };

const received: Received[] = [];
let refuse = false;
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(address, _session, callback) {
      callback(refuse ? Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }) : undefined);
      void address;
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describeEachDatabase("mail outbox", (ctx) => {
  const dispatcher = () => new MailDispatcher(ctx.db, { url: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: "dx@city.example.jp" });

  it("sends queued mail through SMTP once, with its Japanese subject intact", async () => {
    received.length = 0;
    await ctx.db.transaction((tx) =>
      enqueueMail(tx, {
        municipalityId: null,
        kind: "report_returned",
        to: "officer@city.example.jp",
        subject: "【差戻し】取組項目12 行政手続のオンライン化",
        body: "実績値の出典を記入してください。",
      }),
    );
    const d = dispatcher();
    expect(await d.dispatchDue()).toBe(1);
    expect(await d.dispatchDue()).toBe(0);
    await d.stop();
    expect(received).toEqual([
      {
        from: "dx@city.example.jp",
        to: ["officer@city.example.jp"],
        subject: "【差戻し】取組項目12 行政手続のオンライン化",
        text: "実績値の出典を記入してください。",
      },
    ]);
  });

  it("keeps nothing for a change that rolled back", async () => {
    const before = (await ctx.db.query<{ n: number }>("select count(*) as n from mail_outbox"))[0]!.n;
    await expect(
      ctx.db.transaction(async (tx) => {
        await enqueueMail(tx, { municipalityId: null, kind: "x", to: "a@example.jp", subject: "s", body: "b" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow();
    expect((await ctx.db.query<{ n: number }>("select count(*) as n from mail_outbox"))[0]!.n).toBe(before);
  });

  it("records a refusal and retries later instead of losing the mail", async () => {
    refuse = true;
    await ctx.db.transaction((tx) => enqueueMail(tx, { municipalityId: null, kind: "x", to: "gone@example.jp", subject: "再送", body: "b" }));
    const d = dispatcher();
    expect(await d.dispatchDue()).toBe(0);
    refuse = false;
    const [row] = await ctx.db.query<{ attempts: number; last_error: string; sent_at: Date | null; due: boolean }>(
      "select attempts, last_error, sent_at, next_attempt_at > now() as due from mail_outbox where to_address = 'gone@example.jp'",
    );
    expect(row).toMatchObject({ attempts: 1, sent_at: null, due: true });
    expect(row!.last_error).toMatch(/550/);
    // Not due yet: nothing is sent on the next round.
    expect(await d.dispatchDue()).toBe(0);
    await ctx.db.query("update mail_outbox set next_attempt_at = now() where to_address = 'gone@example.jp'");
    expect(await d.dispatchDue()).toBe(1);
    await d.stop();
  });
});

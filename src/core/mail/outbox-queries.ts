/** SQL of the mail outbox (see migrations/0004_mail_outbox.sql). */
import type { Queryable } from "../db/database.ts";

export type OutgoingMail = {
  municipalityId: number | null;
  kind: string;
  to: string;
  subject: string;
  body: string;
};

export type OutboxRow = {
  id: number;
  municipality_id: number | null;
  kind: string;
  to_address: string;
  subject: string;
  body: string;
  created_at: Date;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
};

/** Call inside the transaction of the change that causes the mail. */
export async function enqueueMail(tx: Queryable, mail: OutgoingMail): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `insert into mail_outbox (municipality_id, kind, to_address, subject, body)
     values ($1, $2, $3, $4, $5) returning id`,
    [mail.municipalityId, mail.kind, mail.to, mail.subject, mail.body],
  );
  return row!.id;
}

/** Pending mail that is due, oldest first; locked so two dispatchers never send one twice. */
export async function claimDueMail(tx: Queryable, limit: number): Promise<OutboxRow[]> {
  return tx.query<OutboxRow>(
    `select * from mail_outbox
      where sent_at is null and next_attempt_at <= now()
      order by id limit $1
      for update skip locked`,
    [limit],
  );
}

export async function markSent(tx: Queryable, id: number): Promise<void> {
  await tx.query("update mail_outbox set sent_at = now(), attempts = attempts + 1, last_error = null where id = $1", [id]);
}

/** Retry later: 1, 2, 4 … minutes, at most an hour apart. */
export async function markFailed(tx: Queryable, id: number, error: string): Promise<void> {
  await tx.query(
    `update mail_outbox
        set attempts = attempts + 1, last_error = $2,
            next_attempt_at = now() + least(interval '1 hour', interval '1 minute' * power(2, attempts))
      where id = $1`,
    [id, error.slice(0, 1000)],
  );
}

export async function listOutbox(db: Queryable, municipalityId: number, limit = 100): Promise<OutboxRow[]> {
  return db.query<OutboxRow>(
    "select * from mail_outbox where municipality_id = $1 order by id desc limit $2",
    [municipalityId, limit],
  );
}

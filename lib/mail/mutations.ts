import "server-only";
import { randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/db/client";
import type { MailKind, MailOutcome } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { smtpSend, type OutgoingMail, type SendOutcome } from "./transport";

/**
 * The durable mail queue (decision 032). A mail is a row of `MailMessage`, written in the
 * transaction of the event that causes it, and handed to the server by `deliverQueuedMail`:
 * claimed with `FOR UPDATE SKIP LOCKED` (several instances share the work, none sends a mail
 * another holds), sent, and marked in the statement right after the server's answer. A
 * temporary failure is tried again with backoff; a permanent refusal stops mail to the address.
 */

export type NewMail = {
  kind: MailKind;
  userId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** Without angle brackets; made from the mail's own id when absent. */
  messageId?: string;
  /** When it may first go out: now, or the time of the sweep that built it. */
  notBefore?: Date;
};

/** A claimed mail stays with its worker this long; a crashed worker's claim then runs out. */
const CLAIM_MS = 2 * 60 * 1000;
/** Backoff: 30 s, 1 min, 2 min, ... at most 30 min between tries; a queued mail is never dropped. */
const RETRY_BASE_MS = 30 * 1000;
const RETRY_MAX_MS = 30 * 60 * 1000;

export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);
}

/** The host part of Kring's Message-IDs: the public address's host. */
export function messageIdHost(): string {
  return new URL(env().publicUrl).hostname;
}

/** Queues a mail in the caller's transaction (or on its own); returns its id. */
export async function enqueueMail(mail: NewMail, tx: Pick<Tx, "mailMessage"> = db()): Promise<string> {
  const id = randomUUID();
  await tx.mailMessage.create({
    data: {
      id,
      kind: mail.kind,
      userId: mail.userId,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers ?? {},
      messageId: mail.messageId ?? `${mail.kind}.${id}@${messageIdHost()}`,
      ...(mail.notBefore ? { nextAttemptAt: mail.notBefore, createdAt: mail.notBefore } : {}),
    },
    select: { id: true },
  });
  return id;
}

/** Development and test: the mail as it would have left, kept for /dev/outbox. */
async function recordOutboxEmail(mail: OutgoingMail) {
  await db().outboxEmail.create({
    data: {
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { "Message-ID": `<${mail.messageId}>`, ...mail.headers },
    },
  });
}

async function handOver(mail: OutgoingMail): Promise<SendOutcome> {
  const e = env();
  if (e.SMTP_URL) return smtpSend(mail);
  if (!e.outboxEnabled) return { outcome: "retry", response: "No SMTP_URL configured" };
  await recordOutboxEmail(mail);
  return { outcome: "sent", response: "outbox" };
}

type ClaimedMailRow = {
  id: string;
  kind: MailKind;
  userId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
  attempts: number;
  refused: boolean;
};

/**
 * Claims up to `limit` due mails (or the one `id`), raising their attempt count and holding
 * them for CLAIM_MS. Whether the address was refused before comes along: notification mail
 * to it is not sent (a sign-in link still is: asking for one says the address works again).
 */
async function claim(now: Date, limit: number, id: string | null): Promise<ClaimedMailRow[]> {
  const until = new Date(now.getTime() + CLAIM_MS);
  return db().$queryRaw<ClaimedMailRow[]>`
    WITH due AS (
      SELECT id FROM "MailMessage"
      WHERE status = 'queued' AND "nextAttemptAt" <= ${now}
        AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})
        AND (${id}::text IS NULL OR id = ${id})
      ORDER BY "nextAttemptAt", id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "MailMessage" m SET "lockedUntil" = ${until}, attempts = m.attempts + 1
    FROM due WHERE m.id = due.id
    RETURNING m.id, m.kind, m."userId", m."to", m.subject, m.text, m.html, m.headers, m."messageId", m.attempts,
      EXISTS (SELECT 1 FROM "User" u WHERE u.id = m."userId" AND u."emailRefusedAt" IS NOT NULL) AS refused`;
}

async function settle(mail: ClaimedMailRow, result: SendOutcome, now: Date) {
  const outcome: MailOutcome = result.outcome;
  await db().$transaction(async (tx) => {
    await tx.mailAttempt.create({ data: { mailId: mail.id, at: now, outcome, response: result.response.slice(0, 500) } });
    if (outcome === "sent") {
      await tx.mailMessage.update({ where: { id: mail.id }, data: { status: "sent", sentAt: new Date(), lockedUntil: null } });
    } else if (outcome === "refused") {
      await tx.mailMessage.update({ where: { id: mail.id }, data: { status: "refused", lockedUntil: null } });
      // The address is refused for good: no more notification mail to it until the person
      // saves their email settings again; the app says so (the profile and notification centre).
      if (mail.userId && mail.kind !== "sign_in") {
        await tx.user.updateMany({ where: { id: mail.userId, emailRefusedAt: null }, data: { emailRefusedAt: now } });
      }
    } else {
      await tx.mailMessage.update({
        where: { id: mail.id },
        data: { nextAttemptAt: new Date(now.getTime() + retryDelayMs(mail.attempts)), lockedUntil: null },
      });
    }
  });
}

export type DeliveryReport = { sent: number; retry: number; refused: number };

/**
 * Hands due mail to the server, a batch at a time, until none is due or `limit` were tried.
 * Safe to run on every instance at once and again after a crash.
 */
export async function deliverQueuedMail(options: { now?: Date; limit?: number; id?: string } = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retry: 0, refused: 0 };
  const limit = options.limit ?? 500;
  let tried = 0;
  while (tried < limit) {
    const now = options.now ?? new Date();
    const batch = await claim(now, Math.min(50, limit - tried), options.id ?? null);
    if (batch.length === 0) break;
    tried += batch.length;
    for (const mail of batch) {
      const result: SendOutcome =
        mail.refused && mail.kind !== "sign_in"
          ? { outcome: "refused", response: "The address was refused earlier; not sent" }
          : await handOver({
              to: mail.to,
              subject: mail.subject,
              text: mail.text,
              html: mail.html,
              messageId: mail.messageId,
              headers: mail.headers,
            });
      await settle(mail, result, now);
      report[result.outcome] += 1;
      // A server that is down answers every mail the same: leave the rest for the next sweep.
      if (result.outcome === "retry" && !options.id) return report;
    }
    if (options.id) break;
  }
  return report;
}

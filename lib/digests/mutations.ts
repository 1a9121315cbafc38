import "server-only";
import { randomUUID } from "node:crypto";
import { dbSystem, type Tx } from "@/lib/db/client";
import type { EmailFrequency } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { isLocale, type AppLocale } from "@/lib/i18n/config";
import { emailLink } from "@/lib/mail/links";
import { enqueueMail, messageIdHost } from "@/lib/mail/mutations";
import { unsubscribeToken } from "@/lib/mail/token";
import { mailVisibility, namedRecords } from "@/lib/notifications/queries";
import { MEMBERSHIP_NEWS_FOR_THE_PERSON, moderationActOf } from "@/lib/notifications/schema";
import { Prisma } from "@/lib/db/generated/client";
import { groupKeyOf, groupMailItems, readyGroups, type MailItem } from "./compose";
import { notificationMail } from "./mail";
import { currentDigestPeriod, knownTimeZone } from "./schedule";

/**
 * Notifications become mail here (issue 17, decision 032). One sweep (lib/jobs.ts, every minute,
 * on every instance) finds the people with notifications that are unread and not yet mailed,
 * and for each person and network:
 * - immediate: mails each thread's / cycle's / initiative's news once it has been quiet for a
 *   moment (compose.ts), so a burst of replies makes one mail;
 * - daily / weekly: when their period has started (schedule.ts), claims it by inserting the
 *   MailDigest row (unique per person, network and period) and, in that same transaction, takes
 *   every such notification written before the period's start, marks them emailed and queues
 *   the mail. Run twice, by two instances at once, or after a crash, a period sends one digest
 *   and no notification is in two mails; a notification read in the app before is never mailed.
 * What the mail says is read when it is built, through the notification centre's own visibility
 * rules: a post hidden since, a network left, is not in it.
 */

type CandidateRow = {
  userId: string;
  networkId: string;
  email: string;
  locale: string | null;
  frequency: EmailFrequency;
  digestHour: number;
  digestWeekday: number;
  timeZone: string;
  networkName: string;
  networkSlug: string;
  networkLocale: string;
  oldest: Date;
};

/** People and networks with notifications still to mail: one statement for the whole platform. */
async function candidates(now: Date): Promise<CandidateRow[]> {
  return dbSystem().$queryRaw<CandidateRow[]>`
    SELECT n."userId", n."networkId", u.email, u.locale::text AS locale,
           COALESCE(m."emailFrequency", u."emailFrequency")::text AS frequency,
           u."digestHour", u."digestWeekday", u."timeZone",
           net.name AS "networkName", net.slug AS "networkSlug", net.locale::text AS "networkLocale",
           min(n."createdAt") AS oldest
    FROM "Notification" n
    JOIN "User" u ON u.id = n."userId" AND u."emailRefusedAt" IS NULL
    JOIN "Membership" m ON m."networkId" = n."networkId" AND m."userId" = n."userId"
    JOIN "Network" net ON net.id = n."networkId"
    WHERE n."emailedAt" IS NULL AND n."readAt" IS NULL AND n."createdAt" <= ${now}
      -- Active members; and news of a person's own membership (declined, removed) reaches them after it.
      AND (m.status = 'active' OR n.kind::text IN (${Prisma.join([...MEMBERSHIP_NEWS_FOR_THE_PERSON])}))
      AND COALESCE(m."emailFrequency", u."emailFrequency") <> 'off'
    GROUP BY n."userId", n."networkId", u.id, m.id, net.id`;
}

type PendingRow = MailItem & { dedupeKey: string; visible: boolean };

/**
 * Locks and reads the person's unmailed, unread notifications in one network written before
 * `before`, with what the mail may say of each and whether the person may still see it.
 */
async function lockPending(tx: Tx, c: CandidateRow, before: Date): Promise<PendingRow[]> {
  const { joins, visible } = mailVisibility();
  return tx.$queryRaw<PendingRow[]>`
    SELECT n.id, n.kind::text AS kind, n."dedupeKey", n."createdAt", n."threadId", n."replyId", n.note, n.role::text AS role,
           COALESCE(c.id, cr."cycleId") AS "cycleId", ms."initiativeId",
           t.title AS "threadTitle", COALESCE(c.title, rc.title) AS "cycleTitle", ms.title AS "milestoneTitle",
           i.name AS "initiativeName", n."gatheringId", g.title AS "gatheringTitle", g."startsAt" AS "gatheringStartsAt",
           ${namedRecords}, a.name AS "actorName", (${visible}) AS visible
    FROM "Notification" n
    ${joins}
    LEFT JOIN "Cycle" c ON c."networkId" = n."networkId" AND n."dedupeKey" LIKE 'cycle-%' AND c.id = split_part(n."dedupeKey", ':', 2)
    LEFT JOIN "ConsentRound" cr ON cr."networkId" = n."networkId" AND n."dedupeKey" LIKE 'consent:%' AND cr.id = split_part(n."dedupeKey", ':', 2)
    LEFT JOIN "Cycle" rc ON rc."networkId" = n."networkId" AND rc.id = cr."cycleId"
    LEFT JOIN "Initiative" i ON i."networkId" = n."networkId" AND i.id = ms."initiativeId"
    LEFT JOIN "User" a ON a.id = n."actorId"
    WHERE n."userId" = ${c.userId} AND n."networkId" = ${c.networkId}
      AND n."emailedAt" IS NULL AND n."readAt" IS NULL AND n."createdAt" < ${before}
    ORDER BY n."createdAt" DESC, n.id DESC
    FOR UPDATE OF n SKIP LOCKED`;
}

function localeOf(c: CandidateRow): AppLocale {
  if (isLocale(c.locale)) return c.locale;
  return isLocale(c.networkLocale) ? c.networkLocale : "en";
}

function listHeaders(c: CandidateRow, unsubscribeUrl: string): Record<string, string> {
  return {
    "List-Id": `<${c.networkSlug}.${messageIdHost()}>`,
    "List-Unsubscribe": `<${unsubscribeUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    "Auto-Submitted": "auto-generated",
  };
}

/**
 * Marks every locked notification emailed (the ones the person may no longer see too: they are
 * never mailed, and no later sweep looks at them again), and queues one mail of the visible ones.
 * Returns the mail's id, or null when nothing was left to tell.
 */
async function mailItems(tx: Tx, c: CandidateRow, rows: PendingRow[], mode: "daily" | "weekly" | "immediate", now: Date) {
  if (rows.length === 0) return null;
  const items: MailItem[] = rows
    .filter((r) => r.visible)
    .map(({ dedupeKey, visible: _visible, ...item }) => ({ ...item, act: item.kind === "moderation" ? moderationActOf(dedupeKey) : null }));
  let mailId: string | null = null;
  if (items.length > 0) {
    // Issued at the real time, whatever time the sweep was given: the link ages from when it is sent.
    const unsubscribeUrl = emailLink(`/email/unsubscribe/${unsubscribeToken({ userId: c.userId, networkId: c.networkId })}`);
    const content = groupMailItems(items);
    const mail = await notificationMail({
      mode,
      locale: localeOf(c),
      timeZone: knownTimeZone(c.timeZone),
      network: { name: c.networkName, slug: c.networkSlug },
      content,
      unsubscribeUrl,
    });
    const headers = listHeaders(c, unsubscribeUrl);
    // A thread's immediate mails thread together in the reader's mail client.
    const only = content.groups.length === 1 ? content.groups[0] : undefined;
    if (mode === "immediate" && only?.about === "thread") {
      const root = `<${only.key.replace(":", ".")}.${c.networkSlug}@${messageIdHost()}>`;
      headers["In-Reply-To"] = root;
      headers.References = root;
    }
    mailId = await enqueueMail(
      {
      kind: mode === "immediate" ? "notification" : "digest",
      userId: c.userId,
      to: c.email,
      ...mail,
      headers,
        messageId: `${mode === "immediate" ? "notification" : "digest"}.${randomUUID()}@${messageIdHost()}`,
        notBefore: now,
      },
      tx,
    );
  }
  await tx.notification.updateMany({
    where: { networkId: c.networkId, id: { in: rows.map((r) => r.id) }, emailedAt: null },
    data: { emailedAt: now, mailId },
  });
  return mailId;
}

type ClaimRow = { id: string };

/** A daily or weekly person's due digest in one network; false when there was none to send. */
async function sendDigest(c: CandidateRow, now: Date): Promise<boolean> {
  const period = currentDigestPeriod(
    { frequency: c.frequency, hour: c.digestHour, weekday: c.digestWeekday, timeZone: c.timeZone },
    now,
  );
  // Nothing written before the period started: this period has nothing for them.
  if (!period || c.oldest.getTime() >= period.cutoff.getTime()) return false;
  return dbSystem().$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<ClaimRow[]>`
      INSERT INTO "MailDigest" (id, "networkId", "userId", period, "itemCount", "createdAt")
      VALUES (${randomUUID()}, ${c.networkId}, ${c.userId}, ${period.key}, 0, ${now})
      ON CONFLICT ("networkId", "userId", period) DO NOTHING
      RETURNING id`;
    const digest = claimed[0];
    if (!digest) return false; // another run took this period
    const rows = await lockPending(tx, c, period.cutoff);
    const mailId = await mailItems(tx, c, rows, c.frequency === "weekly" ? "weekly" : "daily", now);
    await tx.mailDigest.update({
      where: { id: digest.id, networkId: c.networkId },
      data: { itemCount: rows.filter((r) => r.visible).length, mailId },
      select: { id: true },
    });
    return mailId !== null;
  });
}

/** An immediate person's quiet groups in one network, a mail each; returns how many mails. */
async function sendImmediate(c: CandidateRow, now: Date): Promise<number> {
  return dbSystem().$transaction(async (tx) => {
    const rows = await lockPending(tx, c, new Date(now.getTime() + 1));
    const ready = readyGroups(rows, now, env().mail.quietMs);
    let sent = 0;
    for (const key of ready) {
      const mailId = await mailItems(tx, c, rows.filter((r) => groupKeyOf(r) === key), "immediate", now);
      if (mailId) sent += 1;
    }
    return sent;
  });
}

/** The sweep: every person's due notification mail; returns how many mails were queued. */
export async function sendDueNotificationMail(now = new Date()): Promise<number> {
  let queued = 0;
  for (const c of await candidates(now)) {
    if (c.frequency === "immediate") queued += await sendImmediate(c, now);
    else if (await sendDigest(c, now)) queued += 1;
  }
  return queued;
}

import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import { questionNetworkIds } from "@/lib/commons/queries";
import { db, dbAcross, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { forgetPersonInPosts } from "@/lib/exchange/mutations";
import type { AppLocale } from "@/lib/i18n/config";
import { renderMarkdown } from "@/lib/markdown/render";
import { releaseHeldBy } from "@/lib/membership/mutations";
import { memberNetworkIds } from "@/lib/networks/queries";
import { indexReply } from "@/lib/search/mutations";
import { forgetPersonInCommons } from "@/lib/sharing/mutations";
import type { EmailFrequency } from "@/lib/db/generated/enums";
import type { NetworkScope } from "@/lib/membership/scope";
import type { UnsubscribeScope } from "@/lib/mail/token";
import type { EmailSettingsInput, ProfileInput } from "./schema";

export async function updateProfile(userId: string, input: ProfileInput) {
  await db().user.update({ where: { id: userId }, data: input });
}

/**
 * Saves the person's email settings. Saving them also lifts a refusal by their mail server
 * (`emailRefusedAt`): the person has seen the notice and wants mail again.
 */
export async function updateEmailSettings(userId: string, input: EmailSettingsInput) {
  await db().user.update({
    where: { id: userId },
    data: {
      emailFrequency: input.frequency,
      digestHour: input.digestHour,
      digestWeekday: input.digestWeekday,
      timeZone: input.timeZone,
      emailRefusedAt: null,
    },
    select: { id: true },
  });
}

/** The person's own frequency in one network (null: as their general choice). */
export async function setNetworkEmail(scope: NetworkScope, frequency: EmailFrequency | null) {
  await db(scope).membership.updateMany({
    where: { networkId: scope.networkId, userId: scope.userId },
    data: { emailFrequency: frequency },
  });
}

/** Whether the person's email address may be in this network's export (issue 22; off until they say so). */
export async function setExportEmail(scope: NetworkScope, allow: boolean) {
  await db(scope).membership.updateMany({
    where: { networkId: scope.networkId, userId: scope.userId },
    data: { emailInExport: allow },
  });
}

/**
 * What an unsubscribe link turns off: one network's email for the person (its membership's own
 * frequency becomes "off") or all of it. Idempotent. The link's signature is the authority
 * (lib/mail/token.ts), so this is a reviewed path (decision 022): the one network it names.
 * Returns what it was before, for the undo, and the network's name.
 */
export async function applyUnsubscribe(scope: UnsubscribeScope) {
  if (!scope.networkId) {
    const user = await db().user.findUnique({ where: { id: scope.userId }, select: { emailFrequency: true } });
    if (!user) return null;
    await db().user.update({ where: { id: scope.userId }, data: { emailFrequency: "off" }, select: { id: true } });
    return { network: null, previous: user.emailFrequency === "off" ? null : user.emailFrequency };
  }
  const within = dbAcross([scope.networkId]);
  const membership = await within.membership.findFirst({
    where: { networkId: scope.networkId, userId: scope.userId },
    select: { emailFrequency: true, network: { select: { name: true } } },
  });
  if (!membership) return null;
  await within.membership.updateMany({
    where: { networkId: scope.networkId, userId: scope.userId },
    data: { emailFrequency: "off" },
  });
  return { network: membership.network.name, previous: membership.emailFrequency === "off" ? null : membership.emailFrequency };
}

/** Undoes an unsubscribe link: the network's (or the person's) frequency as it was before. */
export async function undoUnsubscribe(scope: UnsubscribeScope, previous: EmailFrequency | null) {
  if (!scope.networkId) {
    await db().user.updateMany({ where: { id: scope.userId }, data: { emailFrequency: previous ?? "daily" } });
    return;
  }
  await dbAcross([scope.networkId]).membership.updateMany({
    where: { networkId: scope.networkId, userId: scope.userId },
    data: { emailFrequency: previous },
  });
}

export async function setLocale(userId: string, locale: AppLocale) {
  await db().user.update({ where: { id: userId }, data: { locale } });
}

/**
 * The composer's quote of a reply opens with its author's name on a line of its own,
 * `> **Name:**` (the thread page's quoteMarkdown). Without that line the quote still reads, and
 * names nobody: the lines equal to the person's current name, and the body's first line when it
 * has that form (the name the quote was made with, should they have changed it since).
 */
function withoutQuoteAttribution(body: string, name: string | null): string {
  const lines = body.split("\n");
  const kept = lines.filter((line, i) => {
    const bare = line.replace(/\r$/, "");
    if (name && bare === `> **${name}:**`) return false;
    return !(i === 0 && /^> \*\*.+:\*\*$/.test(bare));
  });
  return kept.length === lines.length ? body : kept.join("\n");
}

/**
 * Deletes a person and everything that is only theirs (sessions, memberships,
 * pending sign-in links, outbox mail), once they typed their own address
 * (`confirmEmail`, any case). Refused while they are a network's only
 * active broker, checked under the same network locks as every membership
 * change. Each network they were active in keeps an audit entry. Their replies stay,
 * without their name, and so do quotes of them in other replies: the name the quote
 * carries is taken out of the text, its earlier versions and its rendered HTML.
 */
export async function deleteAccount(userId: string, confirmEmail: string) {
  // Nulling their pledges' funder fires the funding triggers (docs/derived-data.md).
  // A reviewed cross-network write (decision 022): the person's networks of any membership
  // status (they may have written, and been quoted, in one they left), where the sole-broker
  // check reads (active ones), the audit entries go (active ones) and quotes of their replies
  // lose their name. Their rows everywhere go with the user row (foreign-key cascades, which
  // row-level security does not filter).
  const [networks, asked] = await Promise.all([memberNetworkIds(userId, { everStatus: true }), questionNetworkIds(userId)]);
  await dbAcross([...new Set([...networks, ...asked])]).$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: {
        email: true,
        name: true,
        memberships: { where: { status: "active" }, select: { networkId: true, role: true } },
      },
    });
    // Deleted meanwhile (a second click, another tab): the session that asked is gone with it.
    if (!user) throw new AppError("unauthenticated");
    if (confirmEmail.toLowerCase() !== user.email.toLowerCase()) {
      throw new AppError("invalid_input", { confirmEmail: ["confirm_mismatch"] });
    }
    const networkIds = [...new Set(user.memberships.map((m) => m.networkId))].sort();
    if (networkIds.length > 0) {
      await tx.$queryRaw`SELECT id FROM "Network" WHERE id IN (${Prisma.join(networkIds)}) ORDER BY id FOR UPDATE`;
    }
    for (const m of user.memberships.filter((x) => x.role === "broker")) {
      const otherBrokers = await tx.membership.count({
        where: { networkId: m.networkId, role: "broker", status: "active", userId: { not: userId } },
      });
      if (otherBrokers === 0) throw new AppError("sole_broker");
    }
    for (const networkId of networkIds) {
      await recordAudit(tx, { networkId, actorId: userId, action: "account.deleted", subjectUserId: userId });
    }
    await removeNameFromQuotes(tx, networks, userId, user.name);
    // Gatherings name people by id without a foreign key (decision 036): their answers, hosting and
    // attendance go; agenda items and gatherings they hosted or planned stay, without them.
    if (networks.length > 0) {
      const inTheirNetworks = { networkId: { in: networks } };
      // What they held for others is let go: a seat goes to the first person waiting, who is told;
      // their running offers and requests are withdrawn.
      await releaseHeldBy(tx, networks, userId);
      await tx.rsvp.deleteMany({ where: { ...inTheirNetworks, userId } });
      await tx.gatheringHost.deleteMany({ where: { ...inTheirNetworks, userId } });
      await tx.attendance.deleteMany({ where: { ...inTheirNetworks, userId } });
      await tx.attendance.updateMany({ where: { ...inTheirNetworks, recordedById: userId }, data: { recordedById: null } });
      await tx.agendaItem.updateMany({ where: { ...inTheirNetworks, hostId: userId }, data: { hostId: null } });
      await tx.gathering.updateMany({ where: { ...inTheirNetworks, createdById: userId }, data: { createdById: null } });
      await tx.gatheringSeries.updateMany({ where: { ...inTheirNetworks, createdById: userId }, data: { createdById: null } });
      // Their posts, and those they helped, stay without them (decision 039).
      await forgetPersonInPosts(tx, networks, userId);
      // Their conversations and messages stay without them (decision 039): the other person keeps what was said.
      await tx.exchangeConversation.updateMany({ where: { ...inTheirNetworks, starterId: userId }, data: { starterId: null } });
      await tx.exchangeMessage.updateMany({ where: { ...inTheirNetworks, senderId: userId }, data: { senderId: null } });
      // Proposals to share with the commons that ask them end; copies that name them no longer do (decision 044).
      await forgetPersonInCommons(tx, networks, userId, user.name);
    }
    // Their questions about other networks' shared items stay with those brokers, without them and
    // without the address they gave for an answer (decision 045), like a conversation's messages.
    if (asked.length > 0) {
      await tx.commonsQuestion.updateMany({ where: { networkId: { in: asked }, askerId: userId }, data: { askerId: null, replyEmail: "" } });
    }
    await tx.verificationToken.deleteMany({ where: { identifier: user.email } });
    await tx.outboxEmail.deleteMany({ where: { to: user.email } });
    // Their queued and sent mail goes with the user row; sign-in mail has no user row.
    await tx.mailMessage.deleteMany({ where: { to: user.email } });
    await tx.user.delete({ where: { id: userId } });
  });
}

/**
 * Replies (anyone's) that quote one of the person's replies, and their earlier versions, without
 * the person's name in the quote: the text, the rendered HTML and the search vector, while the
 * person's replies still name them as author (before the user row goes).
 */
async function removeNameFromQuotes(tx: Tx, networkIds: string[], userId: string, name: string | null) {
  if (networkIds.length === 0) return;
  const quoting = await tx.$queryRaw<{ id: string; networkId: string; body: string }[]>`
    SELECT q.id, q."networkId", q.body
    FROM "Reply" q
    JOIN "Reply" r ON r.id = q."quotedReplyId" AND r."networkId" = q."networkId"
    WHERE q."networkId" IN (${Prisma.join(networkIds)}) AND r."authorId" = ${userId}`;
  if (quoting.length === 0) return;
  for (const reply of quoting) {
    const body = withoutQuoteAttribution(reply.body, name);
    if (body === reply.body) continue;
    await tx.reply.update({ where: { id: reply.id, networkId: reply.networkId }, data: { body, bodyHtml: renderMarkdown(body) } });
    await indexReply(tx, reply.networkId, reply.id);
  }
  const revisions = await tx.replyRevision.findMany({
    where: { networkId: { in: [...new Set(quoting.map((q) => q.networkId))] }, replyId: { in: quoting.map((q) => q.id) } },
    select: { id: true, networkId: true, body: true },
  });
  for (const revision of revisions) {
    const body = withoutQuoteAttribution(revision.body, name);
    if (body !== revision.body) {
      await tx.replyRevision.update({ where: { id: revision.id, networkId: revision.networkId }, data: { body } });
    }
  }
}

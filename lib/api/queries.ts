import "server-only";
import { CALENDAR_STATUSES } from "@/lib/calendar/policy";
import { GATHERING_FIELDS } from "@/lib/calendar/queries";
import { encodeCursor, type Cursor } from "@/lib/cursor";
import { db, dbAcross } from "@/lib/db/client";
import type { ApiScope } from "@/lib/db/generated/enums";
import type { NetworkScope } from "@/lib/db/tenant-proof";
import { loadThreadPage } from "@/lib/dialogue/queries";
import { visibleTo } from "@/lib/exchange/policy";
import { fundingOverview, listInitiatives } from "@/lib/funding/queries";
import { htmlOf } from "@/lib/markdown/render";
import { listMembers } from "@/lib/membership/queries";
import { canSeeHiddenText } from "@/lib/moderation/policy";
import { LISTED_ENTRY_FIELDS } from "@/lib/support/queries";

/**
 * The read API's reads (decision 047). A token is found by its hash within the one network the
 * address names (the token, not a session, is the authority; like the calendar feeds, decision
 * 037). Everything else reads through the reader's scope, which lib/membership/scope.ts mints
 * once the token is checked: the pages' own query functions where their shape fits an API page
 * (initiatives, members, a thread's replies, funding totals), and here the lists whose page
 * shape differs, with the pages' rules (hidden posts, visibilities, statuses). One statement per
 * list; a page is `take` items and the cursor of the next.
 */

/** Keyset after (at, id), newest first. */
function olderThan(field: string, after: Cursor | undefined) {
  return after ? { OR: [{ [field]: { lt: after.at } }, { [field]: after.at, id: { lt: after.id } }] } : {};
}

/** Keyset after (at, id), oldest first. */
function newerThan(field: string, after: Cursor | undefined) {
  return after ? { OR: [{ [field]: { gt: after.at } }, { [field]: after.at, id: { gt: after.id } }] } : {};
}

function paged<R extends { id: string }>(rows: R[], take: number, at: (row: R) => Date): { page: R[]; next: string | null } {
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return { page, next: rows.length > take && last ? encodeCursor({ at: at(last), id: last.id }) : null };
}

export type FoundToken = {
  id: string;
  scopes: ApiScope[];
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  rotatedAt: Date | null;
  createdAt: Date;
};

export type ApiNetwork = {
  id: string;
  slug: string;
  name: string;
  purpose: string;
  workingQuestion: string;
  principles: string[];
  locale: "en" | "nl";
  visibility: "public" | "listed" | "private";
};

/**
 * The network a request names and the token it carries, when the token is one of that
 * network's (working or not: the caller tells which). Null for an unknown network and for a
 * token of another network alike, so an address says nothing about networks the token is not for.
 */
export async function findApiToken(slug: string, tokenHash: string): Promise<{ network: ApiNetwork; token: FoundToken } | null> {
  const network = await db().network.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, purpose: true, workingQuestion: true, principles: true, locale: true, visibility: true },
  });
  if (!network) return null;
  const token = await dbAcross([network.id]).apiToken.findFirst({
    where: { networkId: network.id, tokenHash },
    select: { id: true, scopes: true, expiresAt: true, revokedAt: true, lastUsedAt: true, rotatedAt: true, createdAt: true },
  });
  return token ? { network, token } : null;
}

/** The token list of the broker's page: newest first, with last use, never a hash. */
export async function listApiTokens(scope: NetworkScope) {
  return db(scope).apiToken.findMany({
    where: { networkId: scope.networkId },
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      rotatedAt: true,
      createdAt: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
}



type Opts = { after?: Cursor; take: number };

/**
 * Threads by last activity, newest first. Hidden threads are seen only by brokers and their
 * author (the thread list's rule): the reader is neither, so they are not here.
 */
export async function apiThreads(scope: NetworkScope, { after, take }: Opts) {
  const rows = await db(scope).thread.findMany({
    where: { networkId: scope.networkId, ...(scope.role === "broker" ? {} : { hiddenAt: null }), ...olderThan("lastActivityAt", after) },
    select: {
      id: true,
      title: true,
      level: true,
      area: true,
      body: true,
      bodyHtml: true,
      replyCount: true,
      pinnedAt: true,
      lockedAt: true,
      createdAt: true,
      lastActivityAt: true,
      author: { select: { name: true } },
    },
    orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const { page, next } = paged(rows, take, (r) => r.lastActivityAt);
  return {
    items: page.map(({ author, bodyHtml, pinnedAt, lockedAt, ...t }) => ({
      ...t,
      bodyHtml: htmlOf(bodyHtml, t.body),
      authorName: author?.name ?? null,
      pinned: pinnedAt !== null,
      locked: lockedAt !== null,
      createdAt: t.createdAt.toISOString(),
      lastActivityAt: t.lastActivityAt.toISOString(),
    })),
    next,
  };
}

/**
 * A thread's replies, oldest first, through the thread page's own query: a hidden reply's text
 * reaches only brokers and its author, a deleted one's nobody. Null when the thread is not
 * there for the reader (unknown, or hidden).
 */
export async function apiReplies(scope: NetworkScope, threadId: string, { after, take }: Opts) {
  const found = await loadThreadPage(scope, threadId, { after, take });
  if (!found || !found.visible) return null;
  return {
    items: found.replies.map((r) => {
      const state = r.deletedAt ? ("deleted" as const) : r.hiddenAt && !canSeeHiddenText(scope, r) ? ("hidden" as const) : ("visible" as const);
      return {
        id: r.id,
        threadId,
        state,
        body: state === "visible" ? r.body : null,
        bodyHtml: state === "visible" ? r.bodyHtml : null,
        authorName: r.authorName,
        quotedReplyId: r.quotedReplyId,
        createdAt: r.createdAt.toISOString(),
        editedAt: r.editedAt?.toISOString() ?? null,
      };
    }),
    next: found.next,
  };
}

/**
 * Closed cycles, most recently closed first: the question, the synthesis as it stood at the
 * close, and how many reflections were submitted. Never a reflection.
 */
export async function apiCycles(scope: NetworkScope, { after, take }: Opts) {
  const rows = await db(scope).cycle.findMany({
    where: { networkId: scope.networkId, closedAt: { not: null }, ...olderThan("closedAt", after) },
    select: {
      id: true,
      title: true,
      question: true,
      focusArea: true,
      createdAt: true,
      closedAt: true,
      revisions: { where: { networkId: scope.networkId }, select: { body: true, bodyHtml: true }, orderBy: { number: "desc" }, take: 1 },
      _count: { select: { reflections: { where: { networkId: scope.networkId, submittedAt: { not: null } } } } },
    },
    orderBy: [{ closedAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const { page, next } = paged(rows, take, (r) => r.closedAt ?? r.createdAt);
  return {
    items: page.map((c) => {
      const synthesis = c.revisions[0];
      return {
        id: c.id,
        title: c.title,
        question: c.question,
        focusArea: c.focusArea,
        openedAt: c.createdAt.toISOString(),
        closedAt: (c.closedAt ?? c.createdAt).toISOString(),
        synthesis: synthesis?.body ?? null,
        synthesisHtml: synthesis ? htmlOf(synthesis.bodyHtml, synthesis.body) : null,
        participation: { reflections: c._count.reflections },
      };
    }),
    next,
  };
}

/** Initiatives, newest first, through the initiatives page's own query. */
export async function apiInitiatives(scope: NetworkScope, { after, take }: Opts) {
  const { items, next } = await listInitiatives(scope, after, take);
  return { items: items.map((i) => ({ id: i.id, name: i.name, description: i.description, status: i.status, milestones: i.milestones, team: i.team })), next };
}

function amount(value: bigint): number {
  return Number(value);
}

/** Milestones of all initiatives, oldest first. */
export async function apiMilestones(scope: NetworkScope, { after, take }: Opts) {
  const rows = await db(scope).milestone.findMany({
    where: { networkId: scope.networkId, ...newerThan("createdAt", after) },
    select: {
      id: true,
      initiativeId: true,
      position: true,
      title: true,
      unlocks: true,
      targetDate: true,
      status: true,
      progress: true,
      amountNeeded: true,
      currency: true,
      closingNote: true,
      closedAt: true,
      createdAt: true,
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: take + 1,
  });
  const { page, next } = paged(rows, take, (r) => r.createdAt);
  return {
    items: page.map((m) => ({
      ...m,
      targetDate: m.targetDate?.toISOString().slice(0, 10) ?? null,
      amountNeeded: amount(m.amountNeeded),
      closedAt: m.closedAt?.toISOString() ?? null,
      createdAt: m.createdAt.toISOString(),
    })),
    next,
  };
}

/**
 * Milestone updates (progress, evidence, setbacks, lessons), newest first. A hidden update is
 * shown to brokers and its author only (the initiative page's rule): not to the reader.
 */
export async function apiUpdates(scope: NetworkScope, { after, take, kind }: Opts & { kind?: "progress" | "evidence" | "setback" | "lesson" }) {
  const rows = await db(scope).milestoneUpdate.findMany({
    where: {
      networkId: scope.networkId,
      ...(scope.role === "broker" ? {} : { hiddenAt: null }),
      ...(kind ? { kind } : {}),
      ...olderThan("createdAt", after),
    },
    select: {
      id: true,
      initiativeId: true,
      milestoneId: true,
      kind: true,
      body: true,
      bodyHtml: true,
      progress: true,
      area: true,
      createdAt: true,
      author: { select: { name: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const { page, next } = paged(rows, take, (r) => r.createdAt);
  return {
    items: page.map(({ author, bodyHtml, ...u }) => ({
      ...u,
      bodyHtml: htmlOf(bodyHtml, u.body),
      authorName: author?.name ?? null,
      createdAt: u.createdAt.toISOString(),
    })),
    next,
  };
}

/** Funding totals per initiative and currency, through the funding page's own query (never per funder). */
export async function apiFunding(scope: NetworkScope) {
  const { initiatives } = await fundingOverview(scope);
  return {
    initiatives: initiatives.map((i) => ({
      id: i.id,
      name: i.name,
      totals: i.totals.map((t) => ({ currency: t.currency, needed: amount(t.needed), pledged: amount(t.pledged), released: amount(t.released) })),
    })),
  };
}

/** Active members as the member directory lists them (its own query): names, roles, bios, never addresses. */
export async function apiMembers(scope: NetworkScope, { after, take }: Opts) {
  const { items, next } = await listMembers(scope, after, take);
  return {
    items: items.map((m) => ({ name: m.name ?? "", role: m.role, bio: m.bio, helpTags: m.helpTags, joinedAt: m.joinedAt.toISOString() })),
    next,
  };
}

/**
 * Planned and cancelled gatherings (what calendars see; proposed ones wait for a broker), latest
 * start first. Never the online link: it goes only to people who are going.
 */
export async function apiGatherings(scope: NetworkScope, { after, take }: Opts) {
  const rows = await db(scope).gathering.findMany({
    where: { networkId: scope.networkId, status: { in: [...CALENDAR_STATUSES] }, ...olderThan("startsAt", after) },
    select: { ...GATHERING_FIELDS, visibility: true, capacity: true },
    orderBy: [{ startsAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const { page, next } = paged(rows, take, (r) => r.startsAt);
  return {
    items: page.map((g) => ({
      ...g,
      status: g.status as (typeof CALENDAR_STATUSES)[number],
      purposeHtml: htmlOf(g.purposeHtml, g.purpose),
      startsAt: g.startsAt.toISOString(),
      endsAt: g.endsAt.toISOString(),
    })),
    next,
  };
}

/** Offers and requests the reader's role may read (the exchange's visibility rule), newest first. Towns, never street addresses. */
export async function apiExchange(scope: NetworkScope, { after, take }: Opts) {
  const rows = await db(scope).exchangePost.findMany({
    where: { networkId: scope.networkId, visibility: { in: visibleTo(scope.role) }, ...olderThan("createdAt", after) },
    select: {
      id: true,
      direction: true,
      capital: true,
      title: true,
      body: true,
      bodyHtml: true,
      tags: true,
      initiativeId: true,
      milestoneId: true,
      town: true,
      status: true,
      expiresAt: true,
      createdAt: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const { page, next } = paged(rows, take, (r) => r.createdAt);
  return {
    items: page.map((p) => ({
      ...p,
      bodyHtml: htmlOf(p.bodyHtml, p.body),
      expiresAt: p.expiresAt.toISOString(),
      createdAt: p.createdAt.toISOString(),
    })),
    next,
  };
}

/** Entries listed on the support map, oldest first (suggestions waiting for a broker are not listed). */
export async function apiSupport(scope: NetworkScope, { after, take }: Opts) {
  const rows = await db(scope).supportEntry.findMany({
    where: { networkId: scope.networkId, status: "listed", ...newerThan("createdAt", after) },
    select: LISTED_ENTRY_FIELDS,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: take + 1,
  });
  const { page, next } = paged(rows, take, (r) => r.createdAt);
  return {
    items: page.map(({ createdAt: _createdAt, ...e }) => ({
      ...e,
      descriptionHtml: htmlOf(e.descriptionHtml, e.description),
      checkedAt: e.checkedAt?.toISOString() ?? null,
    })),
    next,
  };
}


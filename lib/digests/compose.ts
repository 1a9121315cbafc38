import type { NotificationKind } from "@/lib/db/generated/enums";

/**
 * What a notification mail lists, before it is put in words: the items grouped by what they are
 * about (a thread, a cycle, an initiative), groups ordered by their newest activity and items
 * newest first, at most MAX_GROUPS groups of at most MAX_ITEMS items, and a count of the rest
 * ("and N more"), so nothing is left out without saying so. Decidim's digests repeat items and
 * list the newest last (their issues #14899, #9595); this order and the claim in
 * lib/digests/mutations.ts are the answer to both.
 */
export const MAX_GROUPS = 8;
const MAX_ITEMS = 5;

export type MailItem = {
  id: string;
  kind: NotificationKind;
  act: string | null;
  createdAt: Date;
  threadId: string | null;
  replyId: string | null;
  cycleId: string | null;
  initiativeId: string | null;
  /** Gathering news: the gathering, and its start now (a change says the new time). */
  gatheringId: string | null;
  gatheringTitle: string | null;
  gatheringStartsAt: Date | null;
  /** Exchange news: the offer or request; support-map news: the entry. */
  exchangePostId: string | null;
  exchangePostTitle: string | null;
  supportEntryId: string | null;
  supportEntryName: string | null;
  /** Commons news: the proposal to share. */
  commonsProposalId: string | null;
  commonsProposalTitle: string | null;
  threadTitle: string | null;
  cycleTitle: string | null;
  milestoneTitle: string | null;
  initiativeName: string | null;
  actorName: string | null;
  /** Membership news: the broker's note with a declined request, the role a change gave. */
  note: string | null;
  role: string | null;
};

export type MailGroup = {
  key: string;
  /** What the group is about: a thread's title, a cycle's, an initiative's name; null for the network. */
  title: string | null;
  about: "thread" | "cycle" | "initiative" | "gathering" | "exchange" | "support" | "commons" | "network";
  newest: Date;
  items: MailItem[];
  /** Items of this group not listed (beyond MAX_ITEMS). */
  more: number;
};

export type MailContent = { groups: MailGroup[]; more: number; total: number };

function groupOf(item: MailItem): Pick<MailGroup, "key" | "title" | "about"> {
  if (item.threadId) return { key: `thread:${item.threadId}`, title: item.threadTitle, about: "thread" };
  if (item.cycleId) return { key: `cycle:${item.cycleId}`, title: item.cycleTitle, about: "cycle" };
  if (item.initiativeId) return { key: `initiative:${item.initiativeId}`, title: item.initiativeName, about: "initiative" };
  if (item.gatheringId) return { key: `gathering:${item.gatheringId}`, title: item.gatheringTitle, about: "gathering" };
  if (item.exchangePostId) return { key: `exchange:${item.exchangePostId}`, title: item.exchangePostTitle, about: "exchange" };
  if (item.supportEntryId) return { key: `support:${item.supportEntryId}`, title: item.supportEntryName, about: "support" };
  if (item.commonsProposalId) return { key: `commons:${item.commonsProposalId}`, title: item.commonsProposalTitle, about: "commons" };
  return { key: "network", title: null, about: "network" };
}

const newestFirst = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Groups the items (any order in) as the mail shows them. */
export function groupMailItems(items: MailItem[]): MailContent {
  const groups = new Map<string, MailGroup>();
  for (const item of [...items].sort(newestFirst)) {
    const g = groupOf(item);
    const group = groups.get(g.key) ?? { ...g, newest: item.createdAt, items: [], more: 0 };
    groups.set(g.key, group);
    if (group.items.length < MAX_ITEMS) group.items.push(item);
    else group.more += 1;
  }
  // Insertion order is already newest activity first: items came newest first.
  const all = [...groups.values()];
  const shown = all.slice(0, MAX_GROUPS);
  const hidden = all.slice(MAX_GROUPS).reduce((n, g) => n + g.items.length + g.more, 0);
  return { groups: shown, more: hidden, total: items.length };
}

/**
 * Immediate mode: a group is mailed once it has been quiet for `quietMs` (KRING_MAIL_QUIET_SECONDS,
 * two minutes by default), or its oldest item waited five times that.
 */
export function readyGroups(items: MailItem[], now: Date, quietMs: number): Set<string> {
  const longestWaitMs = 5 * quietMs;
  const byGroup = new Map<string, { newest: number; oldest: number }>();
  for (const item of items) {
    const key = groupOf(item).key;
    const t = item.createdAt.getTime();
    const g = byGroup.get(key) ?? { newest: t, oldest: t };
    byGroup.set(key, { newest: Math.max(g.newest, t), oldest: Math.min(g.oldest, t) });
  }
  const ready = new Set<string>();
  for (const [key, g] of byGroup) {
    if (now.getTime() - g.newest >= quietMs || now.getTime() - g.oldest >= longestWaitMs) ready.add(key);
  }
  return ready;
}

export function groupKeyOf(item: MailItem): string {
  return groupOf(item).key;
}

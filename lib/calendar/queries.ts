import "server-only";
import { db, dbAcross } from "@/lib/db/client";
import type { RsvpStatus } from "@/lib/db/generated/enums";
import type { NetworkProof, NetworkRef, NetworkScope } from "@/lib/db/tenant-proof";
import { isLocale, type AppLocale } from "@/lib/i18n/config";
import { memberNetworkIds } from "@/lib/networks/queries";
import type { CalendarGathering } from "./ics";
import { CALENDAR_STATUSES, FEED_MAX_EVENTS, feedSince, PERSONAL_FEED_RSVPS, showsOnlineLink } from "./policy";

/**
 * The calendar's reads of gatherings (decision 037): what a download, a feed or the "add to
 * calendar" links show. Calendar apps fetch feeds without a session, so the private and
 * personal feeds are found by the hash of the secret in their address; the online link is
 * read only where the reader is going and blanked for everyone else before it leaves here.
 */

/** The fields a calendar needs (no online link: that is selected only where it may be shown). */
/** What anyone who may see a gathering in a calendar or the read API sees of it (never the online link). */
export const GATHERING_FIELDS = {
  id: true,
  title: true,
  purpose: true,
  purposeHtml: true,
  startsAt: true,
  endsAt: true,
  timeZone: true,
  mode: true,
  placeName: true,
  address: true,
  status: true,
} as const;

const EVENT_FIELDS = {
  ...GATHERING_FIELDS,
  sequence: true,
  createdAt: true,
  updatedAt: true,
} as const;

type EventRow = {
  id: string;
  title: string;
  purpose: string;
  purposeHtml: string | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  mode: CalendarGathering["mode"];
  placeName: string;
  address: string;
  status: CalendarGathering["status"];
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
};

/** A row as a calendar gets it: the online link only when the reader is going. */
function asCalendarGathering(row: EventRow & { onlineUrl?: string }, slug: string, rsvp: RsvpStatus | null | undefined): CalendarGathering {
  return { ...row, slug, onlineUrl: showsOnlineLink(rsvp) ? (row.onlineUrl ?? "") : "" };
}

const feedWindow = () => ({ status: { in: [...CALENDAR_STATUSES] }, endsAt: { gte: feedSince() } });

/**
 * One gathering for its `.ics` download and its "add to calendar" links. A member (`scope`)
 * gets any planned or cancelled gathering of the network, with the online link if they are
 * going; anyone else who may see the network (`ref`, a public network) only a public one.
 */
export async function findCalendarGathering(proof: { scope: NetworkScope } | { ref: NetworkRef }, gatheringId: string): Promise<CalendarGathering | null> {
  const network: NetworkProof = "scope" in proof ? proof.scope : proof.ref;
  const where = {
    networkId: network.networkId,
    id: gatheringId,
    status: { in: [...CALENDAR_STATUSES] },
    ...("scope" in proof ? {} : { visibility: "public" as const }),
  };
  if (!("scope" in proof)) {
    const row = await db(network).gathering.findFirst({ where, select: EVENT_FIELDS });
    return row ? asCalendarGathering(row, network.slug, null) : null;
  }
  const row = await db(network).gathering.findFirst({
    where,
    select: {
      ...EVENT_FIELDS,
      onlineUrl: true,
      rsvps: { where: { networkId: network.networkId, userId: proof.scope.userId }, select: { status: true } },
    },
  });
  return row ? asCalendarGathering(row, network.slug, row.rsvps[0]?.status) : null;
}

/** The public gatherings of a public network (the caller checks that it is), for its public feed. */
export async function listPublicFeed(ref: NetworkRef): Promise<CalendarGathering[]> {
  const rows = await db(ref).gathering.findMany({
    where: { networkId: ref.networkId, visibility: "public", ...feedWindow() },
    select: EVENT_FIELDS,
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: FEED_MAX_EVENTS,
  });
  return rows.map((row) => asCalendarGathering(row, ref.slug, null));
}

export type FeedNetwork = { id: string; slug: string; name: string; locale: AppLocale };

/**
 * A member's private feed of one network, found by the hash of its secret: every planned or
 * cancelled gathering of the network, the online link where that member is going. Null for a
 * secret that matches nothing (wrong, rotated, revoked) or a member who is no longer active.
 * The membership is read within the one network the address names (the secret, not a session,
 * is the authority here; decision 037).
 */
export async function findNetworkFeed(slug: string, tokenHash: string): Promise<{ network: FeedNetwork; gatherings: CalendarGathering[] } | null> {
  const network = await db().network.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, locale: true } });
  if (!network) return null;
  const within = dbAcross([network.id]);
  const membership = await within.membership.findFirst({
    where: { networkId: network.id, calendarTokenHash: tokenHash, status: "active" },
    select: { userId: true },
  });
  if (!membership) return null;
  const rows = await within.gathering.findMany({
    where: { networkId: network.id, ...feedWindow() },
    select: {
      ...EVENT_FIELDS,
      onlineUrl: true,
      rsvps: { where: { networkId: network.id, userId: membership.userId }, select: { status: true } },
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: FEED_MAX_EVENTS,
  });
  return { network, gatherings: rows.map((row) => asCalendarGathering(row, network.slug, row.rsvps[0]?.status)) };
}

/**
 * A person's "my gatherings" feed across their networks, found by the hash of its secret: the
 * gatherings they are going to or may go to, in every network they are an active member of,
 * with the online link where they are going. Null for a secret that matches nobody.
 */
export async function findPersonalFeed(tokenHash: string): Promise<{ userId: string; locale: AppLocale | null; gatherings: CalendarGathering[] } | null> {
  const person = await db().user.findUnique({ where: { calendarTokenHash: tokenHash }, select: { id: true, locale: true } });
  if (!person) return null;
  const locale = isLocale(person.locale) ? person.locale : null;
  const networkIds = await memberNetworkIds(person.id);
  if (networkIds.length === 0) return { userId: person.id, locale, gatherings: [] };
  const rsvps = await dbAcross(networkIds).rsvp.findMany({
    where: {
      networkId: { in: networkIds },
      userId: person.id,
      status: { in: [...PERSONAL_FEED_RSVPS] },
      gathering: { networkId: { in: networkIds }, ...feedWindow() },
    },
    select: { status: true, gathering: { select: { ...EVENT_FIELDS, onlineUrl: true, network: { select: { slug: true } } } } },
    orderBy: [{ gathering: { startsAt: "asc" } }, { id: "asc" }],
    take: FEED_MAX_EVENTS,
  });
  return {
    userId: person.id,
    locale,
    gatherings: rsvps.map(({ status, gathering: { network, ...row } }) => asCalendarGathering(row, network.slug, status)),
  };
}

/** Whether the person has a "my gatherings" feed. */
export async function hasPersonalFeed(userId: string): Promise<boolean> {
  const row = await db().user.findUnique({ where: { id: userId }, select: { calendarTokenHash: true } });
  return Boolean(row?.calendarTokenHash);
}

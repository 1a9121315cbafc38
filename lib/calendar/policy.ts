import type { GatheringStatus, RsvpStatus } from "@/lib/db/generated/enums";

/**
 * What calendars get of gatherings (issue 19 item 4, decision 037): the rules, without the
 * database. The feeds and downloads are read by calendar apps that carry no session, so each
 * rule here is what keeps a feed from saying more than its reader may know.
 */

/** How far back a feed reaches: past gatherings stay a while, so a calendar keeps its history. */
const FEED_PAST_DAYS = 180;
/** At most this many events in one feed (the earliest of the window first). */
export const FEED_MAX_EVENTS = 500;
/** How often a calendar app should fetch a feed again, in seconds (REFRESH-INTERVAL). */
export const FEED_REFRESH_SECONDS = 3600;

/** The earliest end a feed still lists. */
export function feedSince(now: Date = new Date()): Date {
  return new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000);
}

/**
 * Statuses a calendar ever sees: planned, and cancelled (kept, with STATUS:CANCELLED, so a
 * calendar that has the event removes it). A proposed gathering waits for a broker: nowhere.
 */
export const CALENDAR_STATUSES = ["planned", "cancelled"] as const satisfies readonly GatheringStatus[];

/** The gatherings of the personal feed: the ones the person said they go to, or may. */
export const PERSONAL_FEED_RSVPS = ["going", "maybe"] as const satisfies readonly RsvpStatus[];

/**
 * The online link goes only to someone who is going: not to "maybe", the waitlist, other
 * members, the public feed or visitors (issue 19 item 1).
 */
export function showsOnlineLink(rsvp: RsvpStatus | null | undefined): boolean {
  return rsvp === "going";
}

/** A feed secret as it appears in a URL: 32 random bytes, base64url (43 characters). */
const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The secret of a feed address's last segment (`<secret>.ics`), or null for anything else, so
 * a malformed address is a 404 without a database read.
 */
export function readFeedToken(segment: string): string | null {
  if (!segment.endsWith(".ics")) return null;
  const token = segment.slice(0, -".ics".length);
  return FEED_TOKEN.test(token) ? token : null;
}

/** Paths of Kring's calendar addresses (joined to the configured public URL by the callers). */
export const calendarPaths = {
  gathering: (slug: string, gatheringId: string) => `/n/${slug}/gatherings/${gatheringId}`,
  download: (slug: string, gatheringId: string) => `/n/${slug}/gatherings/${gatheringId}/event.ics`,
  publicFeed: (slug: string) => `/n/${slug}/calendar.ics`,
  networkFeed: (slug: string, token: string) => `/n/${slug}/calendar/${token}.ics`,
  personalFeed: (token: string) => `/calendar/${token}.ics`,
};

/** The subjects the feed rate limit (KRING_RATE_FEEDS) counts per: one per feed or client. */
export const feedSubjects = {
  /** A private feed: its secret's hash, whoever fetches it. */
  secret: (tokenHash: string) => `secret:${tokenHash}`,
  /** The public feed of a network, per client address. */
  publicFeed: (slug: string, ip: string) => `public:${slug}:${ip}`,
  /** Downloads: per signed-in person, else per client address. */
  download: (who: { userId: string } | { ip: string }) => ("userId" in who ? `download:user:${who.userId}` : `download:ip:${who.ip}`),
};

/** What an "add to calendar" link carries: no online link unless the viewer is going. */
export type AddToCalendarEvent = {
  title: string;
  details: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
};

/** `20270112T183000Z`: the UTC form both calendar sites read. */
function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/**
 * Links that open Google Calendar's and Outlook on the web's "new event" form filled in.
 * Times go as UTC instants; Google also gets the zone the gathering was planned in.
 */
export function addToCalendarLinks(event: AddToCalendarEvent): { google: string; outlook: string } {
  const google = new URL("https://calendar.google.com/calendar/render");
  google.search = new URLSearchParams({
    action: "TEMPLATE",
    text: event.title,
    dates: `${utcStamp(event.startsAt)}/${utcStamp(event.endsAt)}`,
    details: event.details,
    location: event.location,
    ctz: event.timeZone,
  }).toString();
  const outlook = new URL("https://outlook.live.com/calendar/0/action/compose");
  outlook.search = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: event.title,
    startdt: event.startsAt.toISOString(),
    enddt: event.endsAt.toISOString(),
    body: event.details,
    location: event.location,
  }).toString();
  return { google: google.toString(), outlook: outlook.toString() };
}

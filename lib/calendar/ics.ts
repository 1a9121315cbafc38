import "server-only";
import { TZDate } from "@date-fns/tz";
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { ICalCalendar, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { createTranslator } from "next-intl";
import type { GatheringMode, GatheringStatus } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import type { AppLocale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";
import { emailLink } from "@/lib/mail/links";
import { plainText } from "@/lib/markdown/text";
import { calendarPaths, FEED_REFRESH_SECONDS } from "./policy";

/**
 * iCalendar text for gatherings (issue 19 item 4, decision 037), written by ical-generator with
 * VTIMEZONE blocks from @touch4it/ical-timezones; never by hand. Each event keeps the gathering's
 * id as its UID and its `sequence` as SEQUENCE, so a calendar updates the entry it has instead of
 * adding a second one, and a cancelled gathering stays in, with STATUS:CANCELLED, so calendars
 * remove it. Times carry the zone the gathering was planned in (DTSTART;TZID=...): a 19:30
 * Amsterdam gathering stays 19:30 there on both sides of a daylight-saving change.
 */

/** A gathering as a calendar shows it; `onlineUrl` only when the reader is going ("" otherwise). */
export type CalendarGathering = {
  id: string;
  slug: string;
  title: string;
  purpose: string;
  purposeHtml: string | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  mode: GatheringMode;
  placeName: string;
  address: string;
  onlineUrl: string;
  status: GatheringStatus;
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
};

/** The words a calendar shows around an event, in the reader's language. */
export type CalendarWords = { online: string; more: string };

/** The calendar texts in `locale`: the words around each event, and the calendars' names. */
export async function calendarTexts(locale: AppLocale) {
  const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: "calendar.ics" });
  return {
    words: { online: t("online"), more: t("more") } satisfies CalendarWords,
    publicName: (network: string) => t("publicName", { network }),
    networkName: (network: string) => t("networkName", { network }),
    personalName: t("personalName"),
  };
}

/** The UID: the gathering's fixed id at Kring's configured public host (never the request's). */
function gatheringUid(gatheringId: string): string {
  return `${gatheringId}@${new URL(env().publicUrl).host}`;
}

/** Where it happens: the place and address, and the online link when the reader may have it. */
export function gatheringLocation(g: Pick<CalendarGathering, "mode" | "placeName" | "address" | "onlineUrl">): string {
  const place = g.mode === "online" ? [] : [g.placeName, g.address].filter((part) => part.trim() !== "");
  const online = g.mode !== "in_person" && g.onlineUrl ? [g.onlineUrl] : [];
  return [...place, ...online].join(", ");
}

/** The event's text: the purpose as plain text, the online link (to those going), and the way back to Kring. */
export function gatheringDetails(
  g: Pick<CalendarGathering, "id" | "slug" | "purpose" | "purposeHtml" | "mode" | "onlineUrl">,
  words: CalendarWords,
): string {
  const purpose = g.purpose ? plainText(g.purpose, g.purposeHtml) : "";
  const online = g.mode !== "in_person" && g.onlineUrl ? `${words.online}: ${g.onlineUrl}` : "";
  const more = `${words.more}: ${emailLink(calendarPaths.gathering(g.slug, g.id))}`;
  return [purpose, online, more].filter(Boolean).join("\n\n");
}

/** Zones the VTIMEZONE generator knows; an unknown one is written in UTC instead (still the right instant). */
const knownZones = new Map<string, boolean>();
function hasVtimezone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    known = getVtimezoneComponent(zone) !== null;
    knownZones.set(zone, known);
  }
  return known;
}

/** A calendar of gatherings as iCalendar text; `feed` adds the refresh hint calendar apps poll by. */
export function calendarText(input: { name: string; gatherings: CalendarGathering[]; words: CalendarWords; feed: boolean }): string {
  const calendar = new ICalCalendar({
    prodId: { company: "Kring", product: "Gatherings", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    name: input.name,
  });
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  if (input.feed) calendar.ttl(FEED_REFRESH_SECONDS);
  for (const g of input.gatherings) {
    const zoned = hasVtimezone(g.timeZone);
    calendar.createEvent({
      id: gatheringUid(g.id),
      sequence: g.sequence,
      stamp: g.updatedAt,
      created: g.createdAt,
      lastModified: g.updatedAt,
      start: zoned ? new TZDate(g.startsAt.getTime(), g.timeZone) : g.startsAt,
      end: zoned ? new TZDate(g.endsAt.getTime(), g.timeZone) : g.endsAt,
      timezone: zoned ? g.timeZone : null,
      summary: g.title,
      description: gatheringDetails(g, input.words),
      location: gatheringLocation(g) || null,
      url: emailLink(calendarPaths.gathering(g.slug, g.id)),
      status: g.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

const CALENDAR_TYPE = "text/calendar; charset=utf-8";

/**
 * A calendar response. Private (a member's feed, a download that may hold an online link):
 * `private, no-store`, so no shared cache keeps it and no browser stores it. The public feed
 * holds public gatherings only and may be cached for a few minutes.
 */
export function calendarResponse(text: string, options: { filename: string; download: boolean; cache: "private" | "public" }): Response {
  return new Response(text, {
    headers: {
      "content-type": CALENDAR_TYPE,
      "content-disposition": `${options.download ? "attachment" : "inline"}; filename="${options.filename}"`,
      "cache-control": options.cache === "public" ? "public, max-age=300" : "private, no-store",
      ...(options.cache === "private" ? { "x-robots-tag": "noindex" } : {}),
    },
  });
}

/** Nothing here (a wrong, revoked or missing secret, a gathering one may not see): the same answer every time. */
export function calendarNotFound(): Response {
  return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

/** Over KRING_RATE_FEEDS: 429 with the wait in seconds. */
export function calendarRateLimited(retryAfterMs: number): Response {
  return new Response("Too many requests\n", {
    status: 429,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
    },
  });
}

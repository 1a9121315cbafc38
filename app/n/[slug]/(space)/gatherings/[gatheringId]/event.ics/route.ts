import { calendarNotFound, calendarRateLimited, calendarResponse, calendarText, calendarTexts } from "@/lib/calendar/ics";
import { countFeedRead } from "@/lib/calendar/mutations";
import { feedSubjects } from "@/lib/calendar/policy";
import { findCalendarGathering } from "@/lib/calendar/queries";
import { env } from "@/lib/env";
import { resolveLocale } from "@/lib/i18n/locale";
import { viewNetwork } from "@/lib/membership/scope";
import { clientAddress } from "@/lib/rate-limit/policy";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string; gatheringId: string }> };

/**
 * One gathering as an .ics file to open in a calendar app (decision 037). Members get any
 * planned or cancelled gathering of their network, with the online link if they are going;
 * anyone else who can see the network (a public one) only its public gatherings, never the
 * online link. Everything else, proposed gatherings included, is a 404, as for an id that
 * does not exist. Counted against KRING_RATE_FEEDS per person (per client IP for a visitor).
 */
export async function GET(request: Request, { params }: Params) {
  const { slug, gatheringId } = await params;
  const view = await viewNetwork(slug);
  if (!view) return calendarNotFound();
  const gathering = await findCalendarGathering(view.scope ? { scope: view.scope } : { ref: view.ref }, gatheringId);
  if (!gathering) return calendarNotFound();
  const ip = clientAddress(request.headers.get("x-forwarded-for"), env().trustedProxies);
  const who = view.viewer ? { userId: view.viewer.id } : ip ? { ip } : null;
  if (who) {
    const verdict = await countFeedRead(feedSubjects.download(who));
    if (!verdict.allowed) return calendarRateLimited(verdict.retryAfterMs);
  }
  const texts = await calendarTexts(await resolveLocale());
  const text = calendarText({ name: gathering.title, gatherings: [gathering], words: texts.words, feed: false });
  return calendarResponse(text, { filename: `${slug}-${gathering.id}.ics`, download: true, cache: "private" });
}

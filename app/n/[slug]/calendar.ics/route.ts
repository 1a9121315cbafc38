import { calendarNotFound, calendarRateLimited, calendarResponse, calendarText, calendarTexts } from "@/lib/calendar/ics";
import { countFeedRead } from "@/lib/calendar/mutations";
import { feedSubjects } from "@/lib/calendar/policy";
import { listPublicFeed } from "@/lib/calendar/queries";
import { env } from "@/lib/env";
import { viewNetwork } from "@/lib/membership/scope";
import { clientAddress } from "@/lib/rate-limit/policy";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/**
 * A public network's public gatherings as a calendar feed anyone may subscribe to (decision
 * 037): members-only gatherings, proposed ones and online links are never in it, whoever asks.
 * A private network has no public feed (404). The same for everyone, so it may be cached a
 * few minutes. Counted against KRING_RATE_FEEDS per client IP and network.
 */
export async function GET(request: Request, { params }: Params) {
  const { slug } = await params;
  const view = await viewNetwork(slug);
  if (!view || view.network.visibility !== "public") return calendarNotFound();
  const ip = clientAddress(request.headers.get("x-forwarded-for"), env().trustedProxies);
  if (ip) {
    const verdict = await countFeedRead(feedSubjects.publicFeed(view.ref.slug, ip));
    if (!verdict.allowed) return calendarRateLimited(verdict.retryAfterMs);
  }
  const [gatherings, texts] = await Promise.all([listPublicFeed(view.ref), calendarTexts(view.network.locale)]);
  const text = calendarText({ name: texts.publicName(view.network.name), gatherings, words: texts.words, feed: true });
  return calendarResponse(text, { filename: `${view.ref.slug}.ics`, download: false, cache: "public" });
}

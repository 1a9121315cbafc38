import { hashToken } from "@/lib/membership/invitations";
import { calendarNotFound, calendarRateLimited, calendarResponse, calendarText, calendarTexts } from "@/lib/calendar/ics";
import { countFeedRead } from "@/lib/calendar/mutations";
import { feedSubjects, readFeedToken } from "@/lib/calendar/policy";
import { findNetworkFeed } from "@/lib/calendar/queries";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string; token: string }> };

/**
 * A member's private feed of one network's gatherings, at `/n/<slug>/calendar/<secret>.ics`
 * (decision 037). The secret is the authority (calendar apps carry no session): a missing,
 * wrong, replaced or revoked one, or a member who left, is a 404. Holds members-only
 * gatherings, and the online link of those the member is going to. Never cached. Counted
 * against KRING_RATE_FEEDS per feed.
 */
export async function GET(_request: Request, { params }: Params) {
  const { slug, token: segment } = await params;
  const token = readFeedToken(segment);
  if (!token) return calendarNotFound();
  const tokenHash = hashToken(token);
  const feed = await findNetworkFeed(slug, tokenHash);
  if (!feed) return calendarNotFound();
  const verdict = await countFeedRead(feedSubjects.secret(tokenHash));
  if (!verdict.allowed) return calendarRateLimited(verdict.retryAfterMs);
  const texts = await calendarTexts(feed.network.locale);
  const text = calendarText({ name: texts.networkName(feed.network.name), gatherings: feed.gatherings, words: texts.words, feed: true });
  return calendarResponse(text, { filename: `${feed.network.slug}-members.ics`, download: false, cache: "private" });
}

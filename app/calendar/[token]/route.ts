import { hashToken } from "@/lib/membership/invitations";
import { calendarNotFound, calendarRateLimited, calendarResponse, calendarText, calendarTexts } from "@/lib/calendar/ics";
import { countFeedRead } from "@/lib/calendar/mutations";
import { feedSubjects, readFeedToken } from "@/lib/calendar/policy";
import { findPersonalFeed } from "@/lib/calendar/queries";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string }> };

/**
 * A person's "my gatherings" feed across their networks, at `/calendar/<secret>.ics`
 * (decision 037): the gatherings they are going to or may go to, in every network they are
 * an active member of, with the online link where they are going. A missing, wrong, replaced
 * or revoked secret is a 404. Never cached. Counted against KRING_RATE_FEEDS per feed.
 */
export async function GET(_request: Request, { params }: Params) {
  const token = readFeedToken((await params).token);
  if (!token) return calendarNotFound();
  const tokenHash = hashToken(token);
  const feed = await findPersonalFeed(tokenHash);
  if (!feed) return calendarNotFound();
  const verdict = await countFeedRead(feedSubjects.secret(tokenHash));
  if (!verdict.allowed) return calendarRateLimited(verdict.retryAfterMs);
  const texts = await calendarTexts(feed.locale ?? "en");
  const text = calendarText({ name: texts.personalName, gatherings: feed.gatherings, words: texts.words, feed: true });
  return calendarResponse(text, { filename: "my-gatherings.ics", download: false, cache: "private" });
}

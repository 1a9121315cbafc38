import { atomFeed } from "@/lib/commons/feed";
import { FEED_CACHE, loadCommonsFeed } from "@/lib/commons/feed-response";

export const dynamic = "force-dynamic";

/** The commons as an Atom feed (decision 045): the newest live items, each with its licence. Anyone may read it. */
export async function GET(request: Request) {
  const feed = await loadCommonsFeed(request);
  if ("refused" in feed) return feed.refused;
  return new Response(atomFeed(feed.items, feed.ctx), {
    headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": FEED_CACHE, "x-content-type-options": "nosniff" },
  });
}

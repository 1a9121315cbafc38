import { jsonFeed } from "@/lib/commons/feed";
import { FEED_CACHE, loadCommonsFeed } from "@/lib/commons/feed-response";

export const dynamic = "force-dynamic";

/** The commons as a JSON Feed 1.1 (decision 045): the newest live items, each with its licence. Anyone may read it. */
export async function GET(request: Request) {
  const feed = await loadCommonsFeed(request);
  if ("refused" in feed) return feed.refused;
  return new Response(JSON.stringify(jsonFeed(feed.items, feed.ctx), null, 2), {
    headers: { "content-type": "application/feed+json; charset=utf-8", "cache-control": FEED_CACHE, "x-content-type-options": "nosniff" },
  });
}

import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/messages";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/rate-limit/policy";
import type { FeedContext } from "./feed";
import { countCommonsFeedRead } from "./mutations";
import { sourceOf } from "./policy";
import { listCommonsFeed, type CommonsFeedItem } from "./queries";

/**
 * What both feed routes share (decision 045): the rate limit (KRING_RATE_FEEDS per client address,
 * 429 with the wait over it), the newest live items, and how an entry names its source, in the
 * entry's own language.
 */
export async function loadCommonsFeed(request: Request): Promise<{ refused: Response } | { items: CommonsFeedItem[]; ctx: FeedContext }> {
  const ip = clientAddress(request.headers.get("x-forwarded-for"), env().trustedProxies);
  if (ip) {
    const verdict = await countCommonsFeedRead(ip);
    if (!verdict.allowed) {
      return {
        refused: new Response("Too many requests\n", {
          status: 429,
          headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "retry-after": String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))) },
        }),
      };
    }
  }
  const [items, enMessages, nlMessages] = await Promise.all([listCommonsFeed(), loadMessages("en"), loadMessages("nl")]);
  const en = createTranslator({ locale: "en", messages: enMessages, namespace: "commons" });
  const nl = createTranslator({ locale: "nl", messages: nlMessages, namespace: "commons" });
  const sourceLabel = (item: CommonsFeedItem) => {
    const t = item.language === "nl" ? nl : en;
    const source = sourceOf(item);
    if (source.mode === "names") return `${source.network}: ${source.names.join(", ")}`;
    if (source.mode === "network") return source.network;
    return source.region ? t("sourceRegion", { region: source.region }) : t("sourceUnknown");
  };
  return {
    items,
    ctx: { base: env().publicUrl, title: en("feedTitle"), subtitle: en("feedSubtitle"), sourceLabel, updated: items[0]?.publishedAt ?? new Date() },
  };
}

/** A withdrawn item leaves the feeds from the next request on (issue 21): caches must ask again each time. */
export const FEED_CACHE = "no-cache";

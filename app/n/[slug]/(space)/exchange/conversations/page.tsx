import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MyConversationList } from "@/components/conversations/my-conversations";
import { ExchangeNav } from "@/components/exchange/exchange-nav";
import { buttonClass } from "@/components/ui/styles";
import { loadMyConversations } from "@/lib/conversations/queries";
import { decodeCursor } from "@/lib/cursor";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("conversations"))("mineTitle") };
}

/**
 * The viewer's private conversations of the exchange in this network, those they started and those
 * on their own posts, the latest message first; paged by keyset (`?before=`). Guard, one loader, the list.
 */
export default async function MyConversationsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ before?: string }> }) {
  const { slug } = await params;
  const { before } = await searchParams;
  const scope = await requireMemberPage(slug, `/n/${slug}/exchange/conversations`, "exchange.converse");
  const [page, view, t] = await Promise.all([loadMyConversations(scope, decodeCursor(before)), viewNetwork(scope.slug), getTranslations("conversations")]);
  const lang = view?.network.locale ?? "en";
  return (
    <div className="space-y-6">
      <ExchangeNav slug={scope.slug} current="conversations" converses />
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{t("mineTitle")}</h1>
        <p className="text-muted">{t("mineIntro")}</p>
      </div>
      <MyConversationList slug={scope.slug} conversations={page.conversations} lang={lang} />
      <div className="flex flex-wrap gap-3">
        {before ? (
          <Link href={`/n/${scope.slug}/exchange/conversations`} className={buttonClass.secondary}>
            {t("newest")}
          </Link>
        ) : null}
        {page.next ? (
          <Link href={`/n/${scope.slug}/exchange/conversations?before=${page.next}`} className={buttonClass.secondary}>
            {t("older")}
          </Link>
        ) : null}
      </div>
    </div>
  );
}

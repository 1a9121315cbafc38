import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConversationHeader } from "@/components/conversations/conversation-header";
import { MessageForm } from "@/components/conversations/message-form";
import { MessageList } from "@/components/conversations/message-list";
import { ClientMessages } from "@/components/i18n/client-messages";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { loadConversationPage } from "@/lib/conversations/queries";
import { decodeCursor } from "@/lib/cursor";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

type Params = {
  params: Promise<{ slug: string; postId: string; conversationId: string }>;
  searchParams: Promise<{ before?: string }>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("conversations"))("title") };
}

/**
 * One private conversation of the exchange, for its two people only (the post's author and the
 * member who answered): anyone else, a broker too, gets the 404 of a page that does not exist.
 * Guard, one loader (`loadConversationPage`), the header, the messages and the message box.
 */
export default async function ConversationPage({ params, searchParams }: Params) {
  const { slug, postId, conversationId } = await params;
  const { before } = await searchParams;
  const scope = await requireMemberPage(slug, `/n/${slug}/exchange/${postId}/conversations/${conversationId}`, "exchange.converse");
  const [page, view, t] = await Promise.all([
    loadConversationPage(scope, conversationId, decodeCursor(before)),
    viewNetwork(scope.slug),
    getTranslations("conversations"),
  ]);
  if (!page || page.post.id !== postId) notFound();
  const lang = view?.network.locale ?? "en";
  const here = `/n/${scope.slug}/exchange/${postId}/conversations/${conversationId}` as const;
  return (
    <ClientMessages namespaces={["conversations"]}>
      <div className="mx-auto max-w-3xl space-y-6">
        <p>
          <Link href={`/n/${scope.slug}/exchange/conversations`}>{t("backToMine")}</Link>
        </p>
        <ConversationHeader slug={scope.slug} page={page} lang={lang} />
        <section aria-labelledby="conversation-messages" className="space-y-3">
          <h2 id="conversation-messages" className="text-xl font-semibold">
            {t("messages")}
          </h2>
          {page.earlier || before ? (
            <div className="flex flex-wrap gap-3">
              {page.earlier ? (
                <Link href={`${here}?before=${page.earlier}`} className={buttonClass.secondary}>
                  {t("earlier")}
                </Link>
              ) : null}
              {before ? (
                <Link href={here} className={buttonClass.secondary}>
                  {t("latest")}
                </Link>
              ) : null}
            </div>
          ) : null}
          <MessageList messages={page.messages} viewerId={scope.userId} lang={lang} />
        </section>
        <section aria-labelledby="conversation-write" className={`${cardClass} space-y-3`}>
          <h2 id="conversation-write" className="text-xl font-semibold">
            {t("write")}
          </h2>
          {page.maySend ? (
            <MessageForm
              slug={scope.slug}
              conversationId={page.conversation.id}
              idempotencyKey={randomUUID().replaceAll("-", "")}
              otherName={page.other.name ?? t("formerMember")}
            />
          ) : (
            <p className="text-muted">{t("otherGone", { name: page.other.name ?? t("formerMember") })}</p>
          )}
        </section>
      </div>
    </ClientMessages>
  );
}

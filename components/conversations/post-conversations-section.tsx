import { randomUUID } from "node:crypto";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import type { PostConversations } from "@/lib/conversations/queries";
import { route } from "@/lib/route";
import { StartConversationForm } from "./start-form";

/**
 * The conversations part of a post's page (decision 039). For the post's author: the conversations
 * on it, with whom and when the latest message came. For another broker or member: "I can help" (a
 * request) or "I'm interested" (an offer) with the first message, or the way back to their own
 * conversation. For a funder: nothing (they read posts open to them, and do not answer).
 * The page loads `data` with loadPostConversations (lib/conversations/queries.ts) and wraps this in
 * <ClientMessages> with the "conversations" namespace.
 */
export async function PostConversationsSection({
  slug,
  post,
  data,
}: {
  slug: string;
  post: { id: string; direction: "offer" | "request"; authorName: string | null };
  data: PostConversations;
}) {
  if (data.role === "none") return null;
  const [t, format] = await Promise.all([getTranslations("conversations"), getFormatter()]);
  const author = post.authorName ?? t("formerMember");
  return (
    <section aria-labelledby="post-conversations" className={`${cardClass} space-y-3`}>
      <h2 id="post-conversations" className="text-xl font-semibold">
        {data.role === "author" ? t("onYourPost") : t(post.direction === "request" ? "canHelp" : "interested")}
      </h2>
      {data.role === "author" ? (
        data.conversations.length === 0 ? (
          <p className="text-muted">{t("onYourPostNone")}</p>
        ) : (
          <ul className="space-y-2">
            {data.conversations.map((c) => (
              <li key={c.id}>
                <Link href={route(`/n/${slug}/exchange/${post.id}/conversations/${c.id}`)} className="font-medium underline">
                  {c.starterName ?? t("formerMember")}
                </Link>
                {c.unread ? <span className="ml-2 rounded bg-accent-soft px-2 text-sm text-accent-strong">{t("unread")}</span> : null}
                <span className="block text-sm text-muted">
                  {t("messageCount", { count: c.messages })} · {t("lastMessage")}{" "}
                  <time dateTime={c.lastMessageAt.toISOString()}>{format.dateTime(c.lastMessageAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                </span>
              </li>
            ))}
          </ul>
        )
      ) : data.conversationId ? (
        <p>
          <Link href={route(`/n/${slug}/exchange/${post.id}/conversations/${data.conversationId}`)}>{t("openYours", { name: author })}</Link>
        </p>
      ) : data.mayStart ? (
        <>
          <p className="text-sm text-muted">{t("startIntro", { name: author })}</p>
          <StartConversationForm slug={slug} postId={post.id} direction={post.direction} authorName={author} idempotencyKey={randomUUID().replaceAll("-", "")} />
        </>
      ) : (
        <p className="text-muted">{t("closedForAnswers")}</p>
      )}
    </section>
  );
}

import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import type { ConversationSummary } from "@/lib/conversations/queries";
import { route } from "@/lib/route";

/** A member's conversations in one network, the latest message first. */
export async function MyConversationList({ slug, conversations, lang }: { slug: string; conversations: ConversationSummary[]; lang: string }) {
  const [t, format] = await Promise.all([getTranslations("conversations"), getFormatter()]);
  if (conversations.length === 0) return <p className={cardClass}>{t("mineNone")}</p>;
  return (
    <ul className="space-y-3">
      {conversations.map((c) => (
        <li key={c.id} className={`${cardClass} space-y-1`}>
          <p className="flex flex-wrap items-baseline gap-2">
            <Link href={route(`/n/${slug}/exchange/${c.postId}/conversations/${c.id}`)} className="font-semibold" lang={lang}>
              {c.postTitle}
            </Link>
            {c.unread ? <span className="rounded bg-accent-soft px-2 text-sm text-accent-strong">{t("unread")}</span> : null}
          </p>
          <p className="text-sm text-muted">
            {t(c.direction === "request" ? "aboutRequest" : "aboutOffer")} · {t(c.started ? "withAuthor" : "withAnswerer", { name: c.otherName ?? t("formerMember") })} ·{" "}
            {t("postStatus", { status: c.status })}
          </p>
          <p className="text-sm text-muted">
            {t("lastMessage")} <time dateTime={c.lastMessageAt.toISOString()}>{format.dateTime(c.lastMessageAt, { dateStyle: "medium", timeStyle: "short" })}</time>
          </p>
        </li>
      ))}
    </ul>
  );
}

import { getFormatter, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import type { MessageView } from "@/lib/conversations/queries";

/** The messages of a conversation, oldest first, each with who wrote it and when. */
export async function MessageList({ messages, viewerId, lang }: { messages: MessageView[]; viewerId: string; lang: string }) {
  const [t, format] = await Promise.all([getTranslations("conversations"), getFormatter()]);
  if (messages.length === 0) return <p className="text-muted">{t("noMessages")}</p>;
  return (
    <ol className="space-y-3" aria-label={t("messages")}>
      {messages.map((m) => {
        const mine = m.senderId === viewerId;
        return (
          <li key={m.id} id={`message-${m.id}`} className={`card space-y-2 ${mine ? "sm:ml-12" : "sm:mr-12"}`}>
            <p className="flex flex-wrap items-baseline gap-x-2 text-sm text-muted">
              <span className="font-medium text-ink">{mine ? t("you") : (m.senderName ?? t("formerMember"))}</span>
              <time dateTime={m.createdAt.toISOString()}>{format.dateTime(m.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
            </p>
            <Markdown lang={lang} {...(m.bodyHtml ? { html: m.bodyHtml } : { source: m.body })} />
          </li>
        );
      })}
    </ol>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ConversationPage } from "@/lib/conversations/queries";
import { route } from "@/lib/route";

/**
 * What the conversation is about and with whom, and the promise it keeps: only these two read it,
 * and Kring shares no contact details (they share them themselves, if they want to).
 */
export async function ConversationHeader({ slug, page, lang }: { slug: string; page: ConversationPage; lang: string }) {
  const t = await getTranslations("conversations");
  const other = page.other.name ?? t("formerMember");
  return (
    <header className="space-y-2">
      <p className="text-sm text-muted">
        {t(page.post.direction === "request" ? "aboutRequest" : "aboutOffer")} ·{" "}
        <Link href={route(`/n/${slug}/exchange/${page.post.id}`)}>{t(page.post.direction === "request" ? "readRequest" : "readOffer")}</Link>
      </p>
      <h1 className="text-2xl font-semibold" lang={lang}>
        {page.post.title}
      </h1>
      <p>
        {t(page.viewerIsAuthor ? "withAnswerer" : "withAuthor", { name: other })}{" "}
        <span className="text-muted">{t("postStatus", { status: page.post.status })}</span>
      </p>
      <p className="rounded-md bg-sand px-3 py-2 text-sm">{t("privacy", { name: other })}</p>
    </header>
  );
}

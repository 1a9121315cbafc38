import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AskForm } from "@/components/commons/ask-form";
import { ItemFacets } from "@/components/commons/item-facets";
import { ItemMeta } from "@/components/commons/item-meta";
import { Markdown } from "@/components/dialogue/markdown";
import { ClientMessages } from "@/components/i18n/client-messages";
import { cardClass } from "@/components/ui/styles";
import { getViewer } from "@/lib/auth/session";
import { findCommonsItem } from "@/lib/commons/queries";
import { route } from "@/lib/route";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ itemId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { itemId: id } = await params;
  const found = await findCommonsItem(id);
  const t = await getTranslations("commons");
  return { title: found?.state === "live" ? found.item.title : t("title") };
}

/**
 * One item of the commons, open to anyone: its text, source, licence and facets, and "Ask the source
 * network" when that network takes questions (signed in; a visitor is offered to sign in). An unknown
 * or malformed id is a 404. A withdrawn item never gets here: the proxy sends its address to the 410
 * notice (app/commons/[itemId]/withdrawn); should it be withdrawn between the two, it is a 404 here.
 */
export default async function CommonsItemPage({ params }: Props) {
  const { itemId: id } = await params;
  const [found, viewer, t] = await Promise.all([findCommonsItem(id), getViewer(), getTranslations("commons")]);
  if (!found || found.state !== "live") notFound();
  const { item } = found;
  return (
    <ClientMessages namespaces={["commons"]}>
      <div className="space-y-8">
        <p>
          <Link href="/commons" className="underline">
            {t("back")}
          </Link>
        </p>
        <article className="space-y-4" lang={item.language}>
          <p className="text-sm font-semibold text-accent-strong">{t(`kinds.${item.kind}`)}</p>
          <h1 className="text-2xl font-semibold break-words sm:text-3xl">{item.title}</h1>
          <ItemMeta item={item} />
          <Markdown html={item.bodyHtml} lang={item.language} />
        </article>
        <ItemFacets item={item} />
        <section aria-labelledby="ask" className={`${cardClass} max-w-2xl space-y-3`}>
          <h2 id="ask" className="text-lg font-semibold">
            {t("askTitle")}
          </h2>
          {!item.allowQuestions ? (
            <p>{t("askClosed")}</p>
          ) : viewer ? (
            <>
              <p className="text-muted">{t("askIntro")}</p>
              <AskForm itemId={item.id} idempotencyKey={randomUUID()} />
            </>
          ) : (
            <p>
              <Link href={route(`/signin?callbackUrl=${encodeURIComponent(`/commons/${item.id}`)}`)} className="underline">
                {t("askSignIn")}
              </Link>
            </p>
          )}
        </section>
      </div>
    </ClientMessages>
  );
}

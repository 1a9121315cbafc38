import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { AddTagForm, EditTagForm } from "@/components/exchange/tag-forms";
import { cardClass } from "@/components/ui/styles";
import { loadTagsPage } from "@/lib/exchange/queries";
import { requireMemberPage } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exchange"))("tagsTitle") };
}

/** The network's tag vocabulary, kept by its brokers: add a tag, rename it (its labels), remove it. */
export default async function ExchangeTagsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/exchange/tags`, "exchange.tags");
  const [tags, t] = await Promise.all([loadTagsPage(scope), getTranslations("exchange")]);
  return (
    <ClientMessages namespaces={["exchange"]}>
      <div className="max-w-3xl space-y-6">
        <div className="space-y-1">
          <p>
            <Link href={`/n/${scope.slug}/exchange`} className="text-sm">
              {t("back")}
            </Link>
          </p>
          <h1 className="text-2xl font-semibold">{t("tagsTitle")}</h1>
          <p className="text-muted">{t("tagsIntro")}</p>
        </div>
        <section aria-labelledby="tags-add" className={`${cardClass} space-y-3`}>
          <h2 id="tags-add" className="text-lg font-semibold">
            {t("addTag")}
          </h2>
          <AddTagForm slug={scope.slug} />
        </section>
        <section aria-labelledby="tags-list" className="space-y-3">
          <h2 id="tags-list" className="text-xl font-semibold">
            {t("tagsListTitle")}
          </h2>
          {tags.length === 0 ? (
            <p className={cardClass}>{t("tagsNone")}</p>
          ) : (
            <ul className="space-y-3">
              {tags.map((tag) => (
                <li key={tag.id} className={`${cardClass} space-y-2`}>
                  <p className="font-semibold">
                    {tag.slug} <span className="text-sm font-normal text-muted">{t("tagUses", { count: tag.uses })}</span>
                  </p>
                  <EditTagForm slug={scope.slug} tag={tag} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </ClientMessages>
  );
}

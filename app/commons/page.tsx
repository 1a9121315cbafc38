import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CommonsFilterForm } from "@/components/commons/commons-filter";
import { CommonsList } from "@/components/commons/commons-list";
import { Patterns } from "@/components/commons/patterns";
import { readCommonsFilter } from "@/lib/commons/policy";
import { decodeCommonsCursor, loadCommons } from "@/lib/commons/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("commons");
  return {
    title: t("title"),
    alternates: { types: { "application/atom+xml": "/commons/feed.atom", "application/feed+json": "/commons/feed.json" } },
  };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The commons (issue 21, decision 045): what networks shared, open to anyone. Search and filters (a
 * GET form), one keyset page of items (`?after=`), the patterns across networks and the feeds.
 * No guard: everything here was published for everyone. One loader, the sections.
 */
export default async function CommonsPage({ searchParams }: Props) {
  const query = await searchParams;
  const filter = readCommonsFilter(query);
  const cursor = decodeCommonsCursor(query.after);
  const [data, t] = await Promise.all([loadCommons(filter, cursor), getTranslations("commons")]);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold sm:text-3xl">{t("title")}</h1>
        <p className="max-w-prose text-muted">{t("intro")}</p>
        <p className="flex flex-wrap gap-x-3 text-sm">
          <span>{t("follow")}</span>
          <a href="/commons/feed.atom" type="application/atom+xml" className="underline">
            {t("atom")}
          </a>
          <a href="/commons/feed.json" type="application/feed+json" className="underline">
            {t("json")}
          </a>
        </p>
      </div>
      <CommonsFilterForm filter={filter} regions={data.regions} />
      <CommonsList filter={filter} items={data.items} next={data.next} paged={cursor !== undefined} />
      <Patterns cells={data.patterns} />
    </div>
  );
}

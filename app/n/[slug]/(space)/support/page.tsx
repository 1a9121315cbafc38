import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ExchangeNav } from "@/components/exchange/exchange-nav";
import { SupportFilterForm } from "@/components/support/support-filter";
import { SupportOverview } from "@/components/support/support-overview";
import { OwnSuggestions, ReviewQueue, SupportResults } from "@/components/support/support-sections";
import { buttonClass } from "@/components/ui/styles";
import { can } from "@/lib/membership/policy";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";
import { readSupportFilter } from "@/lib/support/policy";
import { decodeMapCursor, loadSupportMap } from "@/lib/support/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("support"))("title") };
}

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The network's support map (decision 040): a filter (a GET form), the filtered list with its
 * count, paged by keyset (`?after=`), the overview by stage and kind, and the broker's review queue
 * or the member's own suggestions. Guard, one loader, the sections.
 */
export default async function SupportMapPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const scope = await requireMemberPage(slug, `/n/${slug}/support`, "support.view");
  const filter = readSupportFilter(query);
  const cursor = decodeMapCursor(query.after);
  const [page, view, t] = await Promise.all([loadSupportMap(scope, filter, cursor), viewNetwork(scope.slug), getTranslations("support")]);
  const lang = view?.network.locale;
  return (
    <div className="space-y-8">
      <ExchangeNav slug={scope.slug} current="support" converses={can(scope.role, "exchange.converse")} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="max-w-prose text-muted">{t("intro")}</p>
        </div>
        <div className="flex flex-wrap gap-3">
          {page.may.suggest ? (
            <Link href={`/n/${scope.slug}/support/new`} className={buttonClass.primary}>
              {page.may.manage ? t("add") : t("suggest")}
            </Link>
          ) : null}
          <a href={`/n/${scope.slug}/support/export.json`} className={buttonClass.secondary} download>
            {t("export")}
          </a>
        </div>
      </div>
      {page.may.manage ? <ReviewQueue slug={scope.slug} items={page.queue} count={page.queueCount} lang={lang} /> : null}
      <SupportFilterForm slug={scope.slug} filter={filter} />
      <SupportResults
        slug={scope.slug}
        filter={filter}
        entries={page.entries}
        total={page.total}
        next={page.next}
        lang={lang}
        paged={cursor !== undefined}
      />
      <SupportOverview slug={scope.slug} cells={page.overview} />
      <OwnSuggestions items={page.own} lang={lang} />
    </div>
  );
}

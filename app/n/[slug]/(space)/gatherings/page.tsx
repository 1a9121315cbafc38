import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NetworkCalendarSection } from "@/components/calendar/network-calendar";
import { GatheringList } from "@/components/gatherings/gathering-list";
import { ClientMessages } from "@/components/i18n/client-messages";
import { buttonClass } from "@/components/ui/styles";
import { decodeCursor } from "@/lib/cursor";
import { loadGatheringsPage } from "@/lib/gatherings/queries";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("gatherings"))("title") };
}

/**
 * The network's gatherings: what is coming (with the viewer's answer), then the past, newest first,
 * paged by keyset (`?before=`). Guard, one loader, the two lists.
 */
export default async function GatheringsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ before?: string }> }) {
  const { slug } = await params;
  const { before } = await searchParams;
  const scope = await requireMemberPage(slug, `/n/${slug}/gatherings`, "gathering.view");
  const [page, view, t] = await Promise.all([loadGatheringsPage(scope, decodeCursor(before)), viewNetwork(scope.slug), getTranslations("gatherings")]);
  const lang = view?.network.locale ?? "en";
  const planner = scope.role === "broker";
  return (
    <ClientMessages namespaces={["calendar"]}>
      <div className="space-y-6">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="space-y-1">
            <h1 className="text-2xl font-semibold">{t("title")}</h1>
            <p className="text-muted">{t("intro")}</p>
          </div>
          {page.mayCreate && !before ? (
            <Link href={`/n/${scope.slug}/gatherings/new`} className={buttonClass.primary}>
              {planner ? t("plan") : t("propose")}
            </Link>
          ) : null}
        </div>
        {before ? null : (
          <GatheringList slug={scope.slug} id="gatherings-upcoming" title={t("upcoming")} empty={t("upcomingNone")} items={page.upcoming} past={false} lang={lang} />
        )}
        <GatheringList slug={scope.slug} id="gatherings-past" title={t("past")} empty={t("pastNone")} items={page.past} past lang={lang} />
        <div className="flex flex-wrap gap-3">
          {before ? (
            <Link href={`/n/${scope.slug}/gatherings`} className={buttonClass.secondary}>
              {t("newest")}
            </Link>
          ) : null}
          {page.next ? (
            <Link href={`/n/${scope.slug}/gatherings?before=${page.next}`} className={buttonClass.secondary}>
              {t("older")}
            </Link>
          ) : null}
        </div>
        {before ? null : (
          <NetworkCalendarSection slug={scope.slug} networkName={view?.network.name ?? scope.slug} isPublic={view?.network.visibility === "public"} active={page.feed} />
        )}
      </div>
    </ClientMessages>
  );
}

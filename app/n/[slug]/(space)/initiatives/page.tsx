import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { decodeCursor } from "@/lib/cursor";
import { listInitiatives } from "@/lib/funding/queries";
import { can } from "@/lib/membership/policy";
import { requireMemberPage } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("funding"))("title") };
}

/** The network's initiatives, newest first, with links to the lessons log and (for brokers) the funding overview. */
export default async function InitiativesPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ after?: string }>;
}) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/initiatives`, "initiative.view");
  const { after } = await searchParams;
  const [t, { items, next }] = await Promise.all([getTranslations("funding"), listInitiatives(scope, decodeCursor(after))]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-xl font-semibold">{t("title")}</h1>
          <p className="text-muted">{t("intro")}</p>
        </div>
        {can(scope.role, "initiative.create") ? (
          <Link href={`/n/${scope.slug}/initiatives/new`} className={buttonClass.primary}>
            {t("newInitiative")}
          </Link>
        ) : null}
      </div>
      <ul className="flex flex-wrap gap-3">
        <li>
          <Link href={`/n/${scope.slug}/initiatives/lessons`} className={buttonClass.secondary}>
            {t("lessonsLog")}
          </Link>
        </li>
        {can(scope.role, "funding.overview") ? (
          <li>
            <Link href={`/n/${scope.slug}/initiatives/funding`} className={buttonClass.secondary}>
              {t("fundingOverview")}
            </Link>
          </li>
        ) : null}
      </ul>
      {items.length === 0 ? (
        <p className="text-muted">{t("empty")}</p>
      ) : (
        <ul className="space-y-3" aria-label={t("listLabel")}>
          {items.map((i) => (
            <li key={i.id} className={`${cardClass} space-y-1`}>
              <h2 className="text-lg font-semibold">
                <Link href={`/n/${scope.slug}/initiatives/${i.id}`}>{i.name}</Link>
              </h2>
              <p className="text-sm text-muted">
                {t(`initiativeStatus.${i.status}`)} · {t("milestoneCount", { count: i.milestones })} · {t("teamCount", { count: i.team })}
              </p>
              <p className="line-clamp-3 whitespace-pre-line">{i.description}</p>
            </li>
          ))}
        </ul>
      )}
      {next ? (
        <Link href={`/n/${scope.slug}/initiatives?after=${next}`} className={buttonClass.secondary}>
          {t("older")}
        </Link>
      ) : null}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { OpenAsksSection } from "@/components/funding/open-asks";
import { cardClass } from "@/components/ui/styles";
import { formatMoney, percentOf } from "@/lib/funding/money";
import { fundingOverview, listOpenAsks } from "@/lib/funding/queries";
import { toDateInput } from "@/lib/funding/schema";
import { requireMemberPage } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("funding"))("fundingOverview") };
}

/**
 * The broker's view: per initiative and currency, how much of the growth path is pledged
 * and released, and which open milestones still need funders. Totals come from SQL,
 * per currency; different currencies are never added up.
 */
export default async function FundingOverviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/initiatives/funding`, "funding.overview");
  const [t, format, locale, overview, asks] = await Promise.all([
    getTranslations("funding"),
    getFormatter(),
    getLocale(),
    fundingOverview(scope),
    listOpenAsks(scope),
  ]);
  const asksOf = new Map(asks.map((a) => [a.milestoneId, a.asks]));
  const money = (amount: bigint, currency: string) => formatMoney(amount, currency, locale);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-muted">
          <Link href={`/n/${scope.slug}/initiatives`}>{t("title")}</Link>
        </p>
        <h1 className="text-xl font-semibold">{t("fundingOverview")}</h1>
        <p className="text-muted">{t("fundingIntro")}</p>
      </div>
      {/* Unnamed: the table's scroll region below carries this name, one region per name. */}
      <section className={`${cardClass} space-y-3`}>
        <h2 id="per-initiative" className="text-lg font-semibold">
          {t("perInitiative")}
        </h2>
        {overview.initiatives.length === 0 ? (
          <p className="text-muted">{t("noFundingYet")}</p>
        ) : (
          // On a phone the table scrolls inside this named region, which takes the keyboard focus so
          // its right-hand columns can be reached without a pointer; `figures` spaces the columns.
          <div role="region" aria-label={t("perInitiative")} tabIndex={0} className="overflow-x-auto">
            <table className="figures">
              <caption className="sr-only">{t("perInitiative")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("initiative")}</th>
                  <th scope="col">{t("currency")}</th>
                  <th scope="col">{t("needed")}</th>
                  <th scope="col">{t("pledgedTotal")}</th>
                  <th scope="col">{t("releasedTotal")}</th>
                  <th scope="col">{t("fundedShare")}</th>
                </tr>
              </thead>
              <tbody>
                {overview.initiatives.flatMap((i) =>
                  i.totals.map((row, index) => (
                    <tr key={`${i.id}-${row.currency}`}>
                      {index === 0 ? (
                        <th scope="row" rowSpan={i.totals.length}>
                          <Link href={`/n/${scope.slug}/initiatives/${i.id}`}>{i.name}</Link>
                        </th>
                      ) : null}
                      <td>{row.currency}</td>
                      <td>{money(row.needed, row.currency)}</td>
                      <td>{money(row.pledged, row.currency)}</td>
                      <td>{money(row.released, row.currency)}</td>
                      <td>{row.needed > 0n ? t("percent", { value: percentOf(row.pledged, row.needed) }) : t("notNeeded")}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="need-funders" className={`${cardClass} space-y-3`}>
        <h2 id="need-funders" className="text-lg font-semibold">
          {t("needFundersTitle")}
        </h2>
        {overview.needFunders.length === 0 ? (
          <p className="text-muted">{t("allFunded")}</p>
        ) : (
          <ul className="space-y-2">
            {overview.needFunders.map((m) => (
              <li key={m.milestoneId} className="rounded-md border border-line p-3">
                <p className="font-medium">
                  <Link href={`/n/${scope.slug}/initiatives/${m.initiativeId}#milestone-${m.milestoneId}`}>{m.title}</Link> ·{" "}
                  {m.initiativeName}
                </p>
                <p className="text-sm">
                  {t("missing", { missing: money(m.missing, m.currency), needed: money(m.needed, m.currency) })} ·{" "}
                  {t(`milestoneStatus.${m.status}`)}
                  {asksOf.has(m.milestoneId) ? ` · ${t("openAsks", { count: asksOf.get(m.milestoneId) ?? 0 })}` : null}
                  {m.targetDate ? (
                    <>
                      {" · "}
                      <time dateTime={toDateInput(m.targetDate)}>{format.dateTime(m.targetDate, { dateStyle: "medium", timeZone: "UTC" })}</time>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <OpenAsksSection slug={scope.slug} asks={asks} />
    </div>
  );
}

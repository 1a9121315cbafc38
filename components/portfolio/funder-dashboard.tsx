import type { Route } from "next";
import { route } from "@/lib/route";
import Link from "next/link";
import type { ReactNode } from "react";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { cardClass } from "@/components/ui/styles";
import { formatMoney, toDecimalString } from "@/lib/funding/money";
import { toDateInput } from "@/lib/funding/schema";
import {
  DASHBOARD_LIST_SIZE,
  UPCOMING_DAYS,
  type CurrencyTotals,
  type DashboardMilestone,
  type DashboardUpdate,
  type FunderDashboard,
} from "@/lib/portfolio/schema";
import { FunderChart } from "./funder-chart";

/**
 * The funder dashboard's sections, for the screen (`/funder`, with the chart) and for
 * print (`/funder/report`, tables only). Every figure is also in a real table; money is
 * formatted from exact decimal strings, per currency, never added across currencies.
 */
/** Networks the screen's per-network table shows; the report shows all. */
const DASHBOARD_NETWORKS = 10;
/**
 * Milestones, updates and lessons each list shows on the screen; the report shows every one loaded
 * (DASHBOARD_LIST_SIZE). Their boxes were a third of the page at ten each (decision 053).
 */
const SCREEN_LIST_SIZE = 5;

const pledgeCount = (totals: CurrencyTotals[]) => totals.reduce((n, row) => n + row.pledges, 0);

/**
 * A table wider than a phone scrolls inside this box, never the page: a named region that
 * takes the keyboard focus, so it can be scrolled without a pointer (WCAG 2.1.1; axe's
 * scrollable-region-focusable). Where a section's heading would give the section the same
 * name, the section is left unnamed (not a landmark): one region per name.
 */
function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto">
      {children}
    </div>
  );
}

export async function FunderDashboardView({ data, mode }: { data: FunderDashboard; mode: "screen" | "print" }) {
  const [t, ts, tu, locale, timeZone] = await Promise.all([
    getTranslations("funder"),
    getTranslations("funding.milestoneStatus"),
    getTranslations("funding.updateKinds"),
    getLocale(),
    getTimeZone(),
  ]);
  const money = (amount: bigint, currency: string) => formatMoney(amount, currency, locale);
  // One formatter per kind of date for the page's many: target dates and months are calendar
  // days (UTC), moments (updates, closings) are shown in the viewer's zone.
  const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const momentFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone });
  const monthFormat = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
  // The chart names months short ("Mar"), with the year under the first one and where it changes.
  const shortMonthFormat = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const date = (d: Date) => <time dateTime={toDateInput(d)}>{dayFormat.format(d)}</time>;
  const firstOfMonth = (month: string) => {
    const [y, m] = month.split("-").map(Number);
    return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1));
  };
  const monthLabel = (month: string) => monthFormat.format(firstOfMonth(month));
  // On screen, the networks where the funder has the most pledges (the report and the exports
  // have every network): a portfolio of fifty networks made this table most of the page.
  const shownNetworks =
    mode === "print"
      ? data.perNetwork
      : [...data.perNetwork]
          .sort((a, b) => pledgeCount(b.totals) - pledgeCount(a.totals) || a.network.name.localeCompare(b.network.name, locale))
          .slice(0, DASHBOARD_NETWORKS);
  const initiativeHref = (network: { slug: string }, initiativeId: string, milestoneId?: string): Route =>
    route(`/n/${network.slug}/initiatives/${initiativeId}${milestoneId ? `#milestone-${milestoneId}` : ""}`);

  const totalsTable = (rows: CurrencyTotals[], caption: string) => (
    <ScrollRegion label={caption}>
      <table className="figures">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("currency")}</th>
            <th scope="col">{t("pledged")}</th>
            <th scope="col">{t("released")}</th>
            <th scope="col">{t("outstanding")}</th>
            <th scope="col">{t("pledgeCount")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.currency}>
              <th scope="row">{row.currency}</th>
              <td>{money(row.pledged, row.currency)}</td>
              <td>{money(row.released, row.currency)}</td>
              <td>{money(row.outstanding, row.currency)}</td>
              <td>{row.pledges}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );

  /** On the screen the first few, with the rest in the report (at the section's own heading). */
  const shown = <T,>(items: T[]) => (mode === "screen" ? items.slice(0, SCREEN_LIST_SIZE) : items);
  const moreInReport = (anchor: string) => (
    <Link href={route(`/funder/report#${anchor}`)}>{t("moreInReport")}</Link>
  );

  const milestoneList = (list: { items: DashboardMilestone[]; total: number }, anchor: string, emptyText: string, label: string) => {
    const items = shown(list.items);
    return items.length === 0 ? (
      <p className="text-muted">{emptyText}</p>
    ) : (
      <>
        <ul className="box-list space-y-2" aria-label={label}>
          {items.map((m) => (
            <li key={m.id}>
              <Link href={initiativeHref(m.network, m.initiativeId, m.id)} className="font-medium">
                {m.title}
              </Link>
              <p className="text-sm text-muted">
                {date(m.targetDate)}
                {` · ${ts(m.status)} · ${t("progressValue", { value: m.progress })} · ${money(m.amountNeeded, m.currency)} · ` +
                  t("where", { initiative: m.initiativeName, network: m.network.name }) +
                  (m.backed ? ` · ${t("backedByYou")}` : "")}
              </p>
            </li>
          ))}
        </ul>
        {list.total > items.length ? (
          <p className="text-sm text-muted">
            {t("showingOf", { shown: items.length, total: list.total })}
            {items.length < list.items.length ? <> {moreInReport(anchor)}</> : null}
          </p>
        ) : null}
      </>
    );
  };

  const updateList = (all: DashboardUpdate[], anchor: string, emptyText: string, label: string) => {
    const items = shown(all);
    return items.length === 0 ? (
      <p className="text-muted">{emptyText}</p>
    ) : (
      <>
        <ul className="box-list space-y-3" aria-label={label}>
          {items.map((u) => (
            <li key={u.id} className="space-y-1">
              <Link href={initiativeHref(u.network, u.initiativeId, u.milestoneId)} className="font-medium">
                {u.milestoneTitle}
              </Link>
              <p className="text-sm text-muted">
                {`${tu(u.kind)}${u.progress !== null ? ` · ${t("progressValue", { value: u.progress })}` : ""} · `}
                <time dateTime={u.createdAt.toISOString()}>{momentFormat.format(u.createdAt)}</time>
                {` · ${t("where", { initiative: u.initiativeName, network: u.network.name })}`}
              </p>
              <Markdown html={u.html} lang={u.network.locale} />
            </li>
          ))}
        </ul>
        {items.length < all.length ? <p className="text-sm text-muted">{moreInReport(anchor)}</p> : null}
      </>
    );
  };

  return (
    <div className="space-y-6">
      <section className={`${cardClass} space-y-3`}>
        <h2 id="funder-totals" className="text-lg font-semibold">
          {t("totalsTitle")}
        </h2>
        <p className="text-sm text-muted">{t("totalsIntro")}</p>
        {data.totals.length === 0 ? <p className="text-muted">{t("noPledges")}</p> : totalsTable(data.totals, t("totalsTitle"))}
      </section>

      <section className={`${cardClass} space-y-3`}>
        <h2 id="funder-networks" className="text-lg font-semibold">
          {t("networksTitle")}
        </h2>
        <ScrollRegion label={t("networksTitle")}>
          <table className="figures">
            <caption className="sr-only">{t("networksTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("network")}</th>
                <th scope="col">{t("pledged")}</th>
                <th scope="col">{t("released")}</th>
                <th scope="col">{t("outstanding")}</th>
              </tr>
            </thead>
            <tbody>
              {shownNetworks.map(({ network, totals }) => (
                <tr key={network.id}>
                  <th scope="row">
                    <Link href={`/n/${network.slug}/initiatives`}>{network.name}</Link>
                  </th>
                  {totals.length === 0 ? (
                    <td colSpan={3} className="text-muted">
                      {t("noPledgesHere")}
                    </td>
                  ) : (
                    (["pledged", "released", "outstanding"] as const).map((key) => (
                      <td key={key}>{totals.map((row) => money(row[key], row.currency)).join(" · ")}</td>
                    ))
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        {shownNetworks.length < data.perNetwork.length ? (
          <p className="text-sm text-muted">
            {t("showingOf", { shown: shownNetworks.length, total: data.perNetwork.length })}{" "}
            <Link href="/funder/report">{t("allNetworksInReport")}</Link>
          </p>
        ) : null}
      </section>

      <section className={`${cardClass} space-y-3`}>
        <h2 id="funder-statuses" className="text-lg font-semibold">
          {t("statusesTitle")}
        </h2>
        <ScrollRegion label={t("statusesTitle")}>
          <table className="figures">
            <caption className="sr-only">{t("statusesTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("backedColumn")}</th>
                <th scope="col">{t("allColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {data.statusCounts.map((s) => (
                <tr key={s.status}>
                  <th scope="row">{ts(s.status)}</th>
                  <td>{s.backed}</td>
                  <td>{s.all}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <div className="grid gap-6 md:grid-cols-2 print:block print:space-y-6">
        <section aria-labelledby="funder-upcoming" className={`${cardClass} min-w-0 space-y-3`}>
          <h2 id="funder-upcoming" className="text-lg font-semibold">
            {t("upcomingTitle", { days: UPCOMING_DAYS })}
          </h2>
          {milestoneList(data.upcoming, "funder-upcoming", t("noUpcoming"), t("upcomingTitle", { days: UPCOMING_DAYS }))}
        </section>
        <section aria-labelledby="funder-overdue" className={`${cardClass} min-w-0 space-y-3`}>
          <h2 id="funder-overdue" className="text-lg font-semibold">
            {t("overdueTitle")}
          </h2>
          {milestoneList(data.overdue, "funder-overdue", t("noOverdue"), t("overdueTitle"))}
        </section>
      </div>

      <section aria-labelledby="funder-progress" className={`${cardClass} space-y-4`}>
        <h2 id="funder-progress" className="text-lg font-semibold">
          {t("progressTitle")}
        </h2>
        <p className="text-sm text-muted">{t("progressIntro")}</p>
        {data.timeline.length === 0 ? (
          <p className="text-muted">{t("noPledges")}</p>
        ) : (
          data.timeline.map((series) => (
            // On the screen, from a medium width on, the chart and its table side by side.
            <figure key={series.currency} className={mode === "screen" ? "grid grid-cols-1 items-start gap-3 md:grid-cols-2 md:gap-x-6" : "space-y-3"}>
              <figcaption className="font-semibold md:col-span-2">{t("progressCaption", { currency: series.currency })}</figcaption>
              {mode === "screen" ? (
                <FunderChart
                  currency={series.currency}
                  locale={locale}
                  labels={{ pledged: t("pledged"), released: t("released") }}
                  points={series.points.map((p) => ({
                    label: shortMonthFormat.format(firstOfMonth(p.month)),
                    year: p.month.slice(0, 4),
                    // For plotting only: the exact figures are in the table beside it.
                    pledged: Number(toDecimalString(p.pledged, series.currency)),
                    released: Number(toDecimalString(p.released, series.currency)),
                  }))}
                />
              ) : null}
              <ScrollRegion label={t("progressCaption", { currency: series.currency })}>
                <table className="figures" data-testid={`funder-progress-${series.currency}`}>
                  <caption className="sr-only">{t("progressCaption", { currency: series.currency })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("month")}</th>
                      <th scope="col">{t("pledged")}</th>
                      <th scope="col">{t("released")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {series.points.map((p) => (
                      <tr key={p.month}>
                        <th scope="row">
                          <time dateTime={p.month}>{monthLabel(p.month)}</time>
                        </th>
                        <td>{money(p.pledged, series.currency)}</td>
                        <td>{money(p.released, series.currency)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </figure>
          ))
        )}
      </section>

      <div className="grid gap-6 md:grid-cols-2 print:block print:space-y-6">
        <section aria-labelledby="funder-updates" className={`${cardClass} min-w-0 space-y-3`}>
          <h2 id="funder-updates" className="text-lg font-semibold">
            {t("updatesTitle")}
          </h2>
          {updateList(data.updates, "funder-updates", t("noUpdates"), t("updatesTitle"))}
        </section>
        <section aria-labelledby="funder-lessons" className={`${cardClass} min-w-0 space-y-3`}>
          <h2 id="funder-lessons" className="text-lg font-semibold">
            {t("lessonsTitle")}
          </h2>
          {updateList(data.lessons, "funder-lessons", t("noLessons"), t("lessonsTitle"))}
          {mode === "print" && data.lessons.length >= DASHBOARD_LIST_SIZE ? <p className="text-sm text-muted">{t("moreLessons")}</p> : null}
        </section>
      </div>

      <section aria-labelledby="funder-syntheses" className={`${cardClass} space-y-3`}>
        <h2 id="funder-syntheses" className="text-lg font-semibold">
          {t("synthesesTitle")}
        </h2>
        <p className="text-sm text-muted">{t("synthesesIntro")}</p>
        {data.syntheses.length === 0 ? (
          <p className="text-muted">{t("noSyntheses")}</p>
        ) : (
          <ul className="box-list space-y-4">
            {data.syntheses.map((s) => (
              <li key={s.cycleId} className="space-y-2">
                <h3 className="font-semibold">
                  <Link href={`/n/${s.network.slug}/cycles/journey`}>{s.title}</Link>
                </h3>
                <p className="text-sm text-muted">
                  {s.network.name} · {t("closedOn")}{" "}
                  <time dateTime={s.closedAt.toISOString()}>{momentFormat.format(s.closedAt)}</time>
                </p>
                <Markdown html={s.html} lang={s.network.locale} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

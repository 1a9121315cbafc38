import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ExchangeNav } from "@/components/exchange/exchange-nav";
import { PostList } from "@/components/exchange/post-list";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { decodeCursor } from "@/lib/cursor";
import { CAPITAL_KINDS, DIRECTIONS } from "@/lib/exchange/limits";
import { loadExchangePage } from "@/lib/exchange/queries";
import { exchangeFilterSchema } from "@/lib/exchange/schema";
import { can } from "@/lib/membership/policy";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exchange"))("title") };
}

/**
 * The network's offers and requests: the running ones, newest first, filtered by direction, kind
 * of capital and tag, paged by keyset (`?after=`); and the viewer's own posts of any status.
 * Guard, one loader, the lists.
 */
export default async function ExchangePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ direction?: string; capital?: string; tag?: string; after?: string }>;
}) {
  const { slug } = await params;
  const query = await searchParams;
  const scope = await requireMemberPage(slug, `/n/${slug}/exchange`, "exchange.view");
  const filter = exchangeFilterSchema.parse({ direction: query.direction, capital: query.capital, tag: query.tag });
  const after = decodeCursor(query.after);
  const [page, view, t, locale] = await Promise.all([loadExchangePage(scope, filter, after), viewNetwork(scope.slug), getTranslations("exchange"), getLocale()]);
  const lang = view?.network.locale ?? "en";
  const labels = new Map(page.vocabulary.map((v) => [v.slug, locale === "nl" ? v.labelNl : v.labelEn]));
  const filters = new URLSearchParams({
    ...(filter.direction ? { direction: filter.direction } : {}),
    ...(filter.capital ? { capital: filter.capital } : {}),
    ...(filter.tag ? { tag: filter.tag } : {}),
  });
  const filtered = filters.size > 0;
  return (
    <div className="space-y-6">
      <ExchangeNav slug={scope.slug} current="exchange" converses={can(scope.role, "exchange.converse")} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-muted">{t("intro")}</p>
        </div>
        <div className="flex flex-wrap gap-3">
          {page.mayPost ? (
            <Link href={`/n/${scope.slug}/exchange/new`} className={buttonClass.primary}>
              {t("new")}
            </Link>
          ) : null}
          {page.mayKeepTags ? (
            <Link href={`/n/${scope.slug}/exchange/tags`} className={buttonClass.secondary}>
              {t("tagsLink")}
            </Link>
          ) : null}
        </div>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("filters")}>
        <div className="space-y-1">
          <label htmlFor="filter-direction" className="block font-medium">
            {t("filterDirection")}
          </label>
          <select id="filter-direction" name="direction" defaultValue={filter.direction ?? ""} className={inputClass}>
            <option value="">{t("anyDirection")}</option>
            {DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {t(`directionPlural.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-capital" className="block font-medium">
            {t("filterCapital")}
          </label>
          <select id="filter-capital" name="capital" defaultValue={filter.capital ?? ""} className={inputClass}>
            <option value="">{t("anyCapital")}</option>
            {CAPITAL_KINDS.map((c) => (
              <option key={c} value={c}>
                {t(`capital.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-tag" className="block font-medium">
            {t("filterTag")}
          </label>
          <select id="filter-tag" name="tag" defaultValue={filter.tag ?? ""} className={inputClass}>
            <option value="">{t("anyTag")}</option>
            {page.vocabulary.map((v) => (
              <option key={v.slug} value={v.slug}>
                {labels.get(v.slug)}
              </option>
            ))}
            {filter.tag && !labels.has(filter.tag) ? <option value={filter.tag}>{filter.tag}</option> : null}
          </select>
        </div>
        <button type="submit" className={buttonClass.secondary}>
          {t("filter")}
        </button>
        {filtered ? (
          <Link href={`/n/${scope.slug}/exchange`} className={buttonClass.quiet}>
            {t("clearFilters")}
          </Link>
        ) : null}
      </form>
      <PostList
        slug={scope.slug}
        id="exchange-open"
        title={t("openTitle")}
        empty={filtered ? t("noneFiltered") : t("none")}
        items={page.posts}
        labels={labels}
        lang={lang}
      />
      <div className="flex flex-wrap gap-3">
        {after ? (
          <Link href={filtered ? `/n/${scope.slug}/exchange?${filters}` : `/n/${scope.slug}/exchange`} className={buttonClass.secondary}>
            {t("newest")}
          </Link>
        ) : null}
        {page.next ? (
          <Link href={`/n/${scope.slug}/exchange?${new URLSearchParams([...filters, ["after", page.next]])}`} className={buttonClass.secondary}>
            {t("older")}
          </Link>
        ) : null}
      </div>
      {page.mayPost && !after ? (
        <PostList slug={scope.slug} id="exchange-mine" title={t("mineTitle")} empty={t("mineNone")} items={page.mine} labels={labels} lang={lang} />
      ) : null}
    </div>
  );
}

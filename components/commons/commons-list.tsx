import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { commonsQuery, isFiltered, type CommonsFilter } from "@/lib/commons/policy";
import type { CommonsListItem } from "@/lib/commons/queries";
import { route } from "@/lib/route";
import { itemMeta } from "./item-meta";

/** One page of the commons: each item with its kind, title, excerpt, source and licence, and the way to the next page. */
export async function CommonsList({ filter, items, next, paged }: { filter: CommonsFilter; items: CommonsListItem[]; next: string | null; paged: boolean }) {
  const [t, format] = await Promise.all([getTranslations("commons"), getFormatter()]);
  return (
    <section aria-labelledby="commons-results" className="space-y-4">
      <h2 id="commons-results" className="text-xl font-semibold">
        {filter.q ? t("resultsFor", { q: filter.q }) : t("results")}
      </h2>
      {items.length === 0 ? (
        <p className={cardClass}>{isFiltered(filter) ? t("emptyFiltered") : t("empty")}</p>
      ) : (
        <ol className="commons-items">
          {items.map((item) => (
            <li key={item.id} lang={item.language}>
              <p>{t(`kinds.${item.kind}`)}</p>
              <h3>
                <Link href={route(`/commons/${item.id}`)}>{item.title}</Link>
              </h3>
              {item.excerpt ? <p>{item.excerpt}</p> : null}
              {itemMeta(item, t, format)}
            </li>
          ))}
        </ol>
      )}
      <div className="flex flex-wrap gap-3">
        {paged ? (
          <Link href={route(`/commons?${commonsQuery(filter)}`)} className={buttonClass.secondary}>
            {t("first")}
          </Link>
        ) : null}
        {next ? (
          <Link href={route(`/commons?${commonsQuery(filter, { after: next })}`)} className={buttonClass.secondary}>
            {t("more")}
          </Link>
        ) : null}
      </div>
    </section>
  );
}

import { getTranslations } from "next-intl/server";
import type { CommonsItemView } from "@/lib/commons/queries";

/** What an item is about, as its facets say (only those it has): level, area, growth stage, outcome, topic. */
export async function ItemFacets({ item }: { item: CommonsItemView }) {
  const t = await getTranslations("commons");
  const tl = await getTranslations("levels");
  const ta = await getTranslations("areas");
  const rows = [
    item.level ? { term: t("level"), value: tl(item.level) } : null,
    item.area ? { term: t("area"), value: ta(item.area) } : null,
    item.stage ? { term: t("stage"), value: t(`stages.${item.stage}`) } : null,
    item.outcome ? { term: t("outcome"), value: t(`outcomes.${item.outcome}`) } : null,
    item.topic ? { term: t("topic"), value: item.topic } : null,
  ].filter((row): row is { term: string; value: string } => row !== null);
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="item-facets" className="space-y-2">
      <h2 id="item-facets" className="text-lg font-semibold">
        {t("facets")}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        {rows.map((row) => (
          <div key={row.term} className="contents">
            <dt className="font-medium">{row.term}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

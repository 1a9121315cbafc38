import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { cardClass } from "@/components/ui/styles";
import type { JourneyHarvest } from "@/lib/cycles/queries";

/** A gathering's published harvest in the network's journey, beside the closed cycles (decision 038). */
export async function JourneyHarvestEntry({ slug, harvest, lang }: { slug: string; harvest: JourneyHarvest; lang?: string }) {
  const [t, tl, ta, format] = await Promise.all([getTranslations("harvests"), getTranslations("levels"), getTranslations("areas"), getFormatter()]);
  const headingId = `journey-harvest-${harvest.id}`;
  return (
    <article aria-labelledby={headingId} className={`${cardClass} space-y-3 border-l-4 border-l-accent`}>
      <div className="space-y-1">
        <p className="text-sm font-semibold text-accent-strong">{t("journeyKind")}</p>
        <h2 id={headingId} className="text-lg font-semibold" lang={lang}>
          {harvest.title}
        </h2>
        <p className="text-sm text-muted">
          {t("journeyOn", { date: format.dateTime(harvest.startsAt, { dateStyle: "long" }) })}
        </p>
      </div>
      <Markdown html={harvest.summaryHtml} lang={lang} />
      {harvest.insights.length ? (
        <ul className="space-y-1">
          {harvest.insights.map((i) => (
            <li key={i.id}>
              <span lang={lang}>{i.body}</span> <span className="text-sm text-muted">({tl(i.level)} · {ta(i.area)})</span>
            </li>
          ))}
        </ul>
      ) : null}
      <Link href={`/n/${slug}/gatherings/${harvest.gatheringId}`} className="inline-block font-medium">
        {t("journeyRead", { title: harvest.title })}
      </Link>
    </article>
  );
}

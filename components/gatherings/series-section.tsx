import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import type { GatheringPage } from "@/lib/gatherings/queries";

/** The other gatherings of this one's series, each its own page. */
export async function SeriesSection({ slug, page }: { slug: string; page: GatheringPage }) {
  if (!page.series) return null;
  const [t, format] = await Promise.all([getTranslations("gatherings"), getFormatter()]);
  return (
    <section aria-labelledby="gathering-series" className={`${cardClass} space-y-2`}>
      <h2 id="gathering-series" className="text-xl font-semibold">
        {t("seriesTitle")}
      </h2>
      {page.series.endedAt ? <p className="text-muted">{t("seriesEnded")}</p> : null}
      <ol className="space-y-1">
        {page.series.occurrences.map((o) => {
          const when = format.dateTime(o.startsAt, { dateStyle: "medium", timeStyle: "short" });
          const cancelled = o.status === "cancelled";
          return (
            <li key={o.id} className={cancelled ? "line-through" : undefined}>
              {o.id === page.gathering.id ? (
                <span aria-current="page">
                  {when} ({t("seriesThis")})
                </span>
              ) : (
                <Link href={`/n/${slug}/gatherings/${o.id}`}>{when}</Link>
              )}
              {cancelled ? <span className="sr-only"> ({t("statusCancelled")})</span> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

import { cardClass } from "@/components/ui/styles";
import type { GatheringSummary } from "@/lib/gatherings/queries";
import { GatheringWhen, whenTools } from "./when";

/** One section of the gatherings page: coming up, or past. */
export async function GatheringList({
  slug,
  id,
  title,
  empty,
  items,
  past,
  lang,
}: {
  slug: string;
  id: string;
  title: string;
  empty: string;
  items: GatheringSummary[];
  past: boolean;
  lang: string;
}) {
  const tools = await whenTools();
  const { t } = tools;
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {items.length === 0 ? (
        <p className={cardClass}>{empty}</p>
      ) : (
        <ul className="space-y-3">
          {items.map((g) => {
            const cancelled = g.status === "cancelled";
            const place = g.mode === "online" ? t("online") : g.mode === "hybrid" ? t("hybridAt", { place: g.placeName }) : g.placeName;
            return (
              <li key={g.id} className={`${cardClass} space-y-1`}>
                <p className="flex flex-wrap items-baseline gap-2">
                  {/* A plain anchor, as the support map's lists (decision 054): no client component and no prefetch per gathering. */}
                  <a href={`/n/${slug}/gatherings/${g.id}`} className={`text-lg font-semibold ${cancelled ? "line-through" : ""}`} lang={lang}>
                    {g.title}
                  </a>
                  {cancelled ? <span className="rounded-md bg-danger-soft px-2 py-0.5 text-sm font-semibold text-danger">{t("statusCancelled")}</span> : null}
                  {g.status === "proposed" ? <span className="rounded-md bg-accent-soft px-2 py-0.5 text-sm text-accent-strong">{t("statusProposed")}</span> : null}
                  {g.seriesId ? <span className="text-sm text-muted">{t("seriesBadge")}</span> : null}
                </p>
                <p>
                  <GatheringWhen startsAt={g.startsAt} endsAt={g.endsAt} timeZone={g.timeZone} tools={tools} />
                </p>
                {place ? (
                  <p className="text-sm" lang={lang}>
                    {place}
                  </p>
                ) : null}
                <p className="text-sm text-muted">
                  {past
                    ? t("cameCount", { count: g.came })
                    : g.capacity !== null
                      ? t("goingOf", { count: g.going, capacity: g.capacity })
                      : t("goingCount", { count: g.going })}
                  {!past && g.rsvp ? ` · ${t("yourAnswer", { status: g.rsvp })}` : null}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import { calendarPaths } from "@/lib/calendar/policy";
import type { HomeGathering } from "@/lib/home/queries";

/**
 * The next gatherings: for members with their answer and a link to each; for visitors of a public
 * network its public ones as plain text (the gathering pages are for members; no online link ever),
 * each with its .ics download, and the network's public calendar feed (decision 037).
 */
export async function UpcomingGatherings({ slug, gatherings, lang, visitor = false }: { slug: string; gatherings: HomeGathering[]; lang: string; visitor?: boolean }) {
  const [t, tg, tc, format] = await Promise.all([getTranslations("networkHome"), getTranslations("gatherings"), getTranslations("calendar"), getFormatter()]);
  if (visitor && gatherings.length === 0) return null;
  return (
    <section aria-labelledby="home-gatherings" className={`${cardClass} space-y-3`}>
      <h2 id="home-gatherings" className={visitor ? "text-lg font-semibold" : "text-xl font-semibold"}>
        {visitor ? t("publicGatheringsTitle") : t("gatheringsTitle")}
      </h2>
      {gatherings.length === 0 ? (
        <p>{t("gatheringsNone")}</p>
      ) : (
        <ul className="space-y-2">
          {gatherings.map((g) => {
            const place = g.mode === "online" ? tg("online") : g.mode === "hybrid" ? tg("hybridAt", { place: g.placeName }) : g.placeName;
            return (
              <li key={g.id}>
                {visitor ? (
                  <span className="font-medium" lang={lang}>
                    {g.title}
                  </span>
                ) : (
                  <Link href={`/n/${slug}/gatherings/${g.id}`} className="font-medium" lang={lang}>
                    {g.title}
                  </Link>
                )}
                <span className="block text-sm">
                  <time dateTime={g.startsAt.toISOString()}>{format.dateTime(g.startsAt, { dateStyle: "full", timeStyle: "short" })}</time>
                  {place ? <span lang={lang}> · {place}</span> : null}
                  {g.rsvp === "going" ? ` · ${t("gatheringGoing")}` : g.rsvp === "waitlisted" ? ` · ${t("gatheringWaitlisted")}` : null}
                </span>
                {visitor ? (
                  <a href={calendarPaths.download(slug, g.id)} download className="text-sm underline">
                    {tc("download")}
                    <span className="sr-only" lang={lang}>
                      {" "}
                      {g.title}
                    </span>
                  </a>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {visitor ? (
        <a href={calendarPaths.publicFeed(slug)} className="block text-sm font-medium">
          {tc("publicLink")}
        </a>
      ) : (
        <Link href={`/n/${slug}/gatherings`} className="block text-sm font-medium">
          {t("gatheringsAll")}
        </Link>
      )}
    </section>
  );
}

import type { Route } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { richLink } from "@/components/home/rich-link";
import { cardClass } from "@/components/ui/styles";
import type { HomeComing } from "@/lib/home/queries";

/** What is coming: the open cycle's deadlines and milestones due in the coming weeks. */
export async function Coming({ slug, coming, lang }: { slug: string; coming: HomeComing[]; lang: string }) {
  const [t, format] = await Promise.all([getTranslations("networkHome"), getFormatter()]);
  const link = <T extends string>(href: Route<T>) => richLink(href, lang);
  return (
    <section aria-labelledby="home-coming" className={`${cardClass} space-y-3`}>
      <h2 id="home-coming" className="text-xl font-semibold">
        {t("comingTitle")}
      </h2>
      {coming.length === 0 ? (
        <p>{t("nothingComing")}</p>
      ) : (
        <ul className="space-y-2">
          {coming.map((c) => (
            <li key={`${c.kind}-${"id" in c ? c.id : c.cycleId}`}>
              {c.kind === "milestone_due"
                ? t.rich("comingMilestone", {
                    title: c.title,
                    initiative: c.initiativeName,
                    // A target date is a calendar date, shown as such.
                    date: format.dateTime(c.at, { dateStyle: "long", timeZone: "UTC" }),
                    link: link(`/n/${slug}/initiatives/${c.initiativeId}`),
                  })
                : t.rich(c.kind === "i_deadline" ? "comingIDeadline" : "comingWeDeadline", {
                    title: c.title,
                    date: format.dateTime(c.at, { dateStyle: "full", timeStyle: "short" }),
                    link: link(`/n/${slug}/cycles`),
                  })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import type { Route } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { richLink } from "@/components/home/rich-link";
import { cardClass } from "@/components/ui/styles";
import type { HomeStep } from "@/lib/home/queries";

/** The viewer's next step: their turn to reflect, a consent round, threads they follow. */
export async function NextSteps({ slug, steps, lang }: { slug: string; steps: HomeStep[]; lang: string }) {
  const [t, format] = await Promise.all([getTranslations("networkHome"), getFormatter()]);
  const link = <T extends string>(href: Route<T>) => richLink(href, lang);
  return (
    <section aria-labelledby="home-steps" className={`${cardClass} space-y-3`}>
      <h2 id="home-steps" className="text-xl font-semibold">
        {t("stepsTitle")}
      </h2>
      {steps.length === 0 ? (
        <p>{t("noSteps")}</p>
      ) : (
        <ul className="space-y-2">
          {steps.map((s) => (
            <li key={`${s.kind}-${"threadId" in s ? s.threadId : "cycleId" in s ? s.cycleId : ""}`}>
              {s.kind === "commons"
                ? t.rich("stepCommons", { count: s.count, link: link(`/n/${slug}/sharing`) })
                : s.kind === "reflect"
                ? t.rich("stepReflect", {
                    title: s.title,
                    date: format.dateTime(s.closes, { dateStyle: "full", timeStyle: "short" }),
                    link: link(`/n/${slug}/cycles`),
                  })
                : s.kind === "consent"
                  ? t.rich("stepConsent", { title: s.title, link: link(`/n/${slug}/cycles`) })
                  : t.rich("stepFollowed", {
                      count: s.count,
                      title: s.title,
                      link: link(`/n/${slug}/dialogue/${s.threadId}${s.firstReplyId ? `#reply-${s.firstReplyId}` : ""}`),
                    })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

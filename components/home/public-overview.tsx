import { getFormatter, getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import type { VisitorHome } from "@/lib/home/queries";

/**
 * What a public network shows its visitors beyond its text: its journey of closed cycles, its
 * lessons, its initiatives with their milestones and, when its broker allows it, the titles of
 * its threads. Plain text, no links: the pages behind them are for members.
 */
export async function PublicOverview({ home, lang }: { home: VisitorHome; lang: string }) {
  const [t, tf, format] = await Promise.all([getTranslations("networkHome"), getTranslations("funding"), getFormatter()]);
  return (
    <section aria-labelledby="home-public" className="space-y-4">
      <h2 id="home-public" className="text-xl font-semibold">
        {t("publicTitle")}
      </h2>
      <section aria-labelledby="home-journey" className={`${cardClass} space-y-2`}>
        <h3 id="home-journey" className="text-lg font-semibold">
          {t("journeyTitle")}
        </h3>
        {home.journey.length === 0 ? (
          <p>{t("journeyNone")}</p>
        ) : (
          <ul className="space-y-2">
            {home.journey.map((c) => (
              <li key={c.id}>
                <p className="font-medium" lang={lang}>
                  {c.title}
                </p>
                <p className="text-sm" lang={lang}>
                  {c.question}
                </p>
                <p className="text-sm text-muted">
                  {t("journeyClosed", { date: format.dateTime(c.closedAt, { dateStyle: "medium" }) })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="home-lessons" className={`${cardClass} space-y-2`}>
        <h3 id="home-lessons" className="text-lg font-semibold">
          {t("lessonsTitle")}
        </h3>
        {home.lessons.length === 0 ? (
          <p>{t("lessonsNone")}</p>
        ) : (
          <ul className="space-y-2">
            {home.lessons.map((l) => (
              <li key={l.id}>
                <p className="font-medium" lang={lang}>
                  {t("lessonOn", { title: l.milestoneTitle, initiative: l.initiativeName })}
                </p>
                <p className="text-sm whitespace-pre-line line-clamp-3" lang={lang}>
                  {l.excerpt}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="home-initiatives" className={`${cardClass} space-y-2`}>
        <h3 id="home-initiatives" className="text-lg font-semibold">
          {t("initiativesTitle")}
        </h3>
        {home.initiatives.length === 0 ? (
          <p>{t("initiativesNone")}</p>
        ) : (
          <ul className="space-y-3">
            {home.initiatives.map((i) => (
              <li key={i.id}>
                <p>
                  <span className="font-medium" lang={lang}>
                    {i.name}
                  </span>{" "}
                  <span className="text-sm text-muted">({tf(`initiativeStatus.${i.status as "exploring"}`)})</span>
                </p>
                {i.milestones.length ? (
                  <ol className="mt-1 list-decimal space-y-1 pl-6 text-sm" aria-label={t("milestonesOf", { name: i.name })}>
                    {i.milestones.map((m) => (
                      <li key={m.id}>
                        <span lang={lang}>{m.title}</span> · {tf(`milestoneStatus.${m.status}`)}
                        {m.targetDate ? ` · ${format.dateTime(m.targetDate, { dateStyle: "medium", timeZone: "UTC" })}` : ""}
                      </li>
                    ))}
                  </ol>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {home.threadTitles ? (
        <section aria-labelledby="home-threads" className={`${cardClass} space-y-2`}>
          <h3 id="home-threads" className="text-lg font-semibold">
            {t("threadsTitle")}
          </h3>
          {home.threadTitles.length === 0 ? (
            <p>{t("threadsNone")}</p>
          ) : (
            <ul className="list-disc space-y-1 pl-6">
              {home.threadTitles.map((th) => (
                <li key={th.id} lang={lang}>
                  {th.title}
                </li>
              ))}
            </ul>
          )}
          <p className="text-sm text-muted">{t("joinToRead")}</p>
        </section>
      ) : null}
    </section>
  );
}

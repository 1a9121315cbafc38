import type { Route } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { richLink } from "@/components/home/rich-link";
import { cardClass } from "@/components/ui/styles";
import type { BrokerHome } from "@/lib/home/queries";

/**
 * For brokers: what waits for them (join requests, open reports, objections in the current
 * cycle, gatherings members proposed, milestones past their target date) and, for a new network, its first steps.
 */
export async function BrokerWaiting({ slug, broker, lang }: { slug: string; broker: BrokerHome; lang: string }) {
  const [t, format] = await Promise.all([getTranslations("networkHome"), getFormatter()]);
  const link = <T extends string>(href: Route<T>) => richLink(href);
  const nothing = broker.requests + broker.reports + broker.objections + broker.proposals + broker.commonsReady + broker.overdue.total === 0;
  const first = broker.firstSteps;
  const firstSteps = first
    ? ([
        ["invite", first.invite, "firstInvite", `/n/${slug}/invitations`],
        ["question", first.question, "firstQuestion", `/n/${slug}/settings`],
        ["thread", first.thread, "firstThread", `/n/${slug}/dialogue/new`],
        ["cycle", first.cycle, "firstCycle", `/n/${slug}/cycles/new`],
      ] as const)
    : [];
  return (
    <>
      {first ? (
        <section aria-labelledby="home-first-steps" className={`${cardClass} space-y-3`}>
          <h2 id="home-first-steps" className="text-xl font-semibold">
            {t("firstStepsTitle")}
          </h2>
          <p>{t("firstStepsIntro")}</p>
          <ol className="list-decimal space-y-1 pl-6">
            {firstSteps.map(([key, done, message, href]) => (
              <li key={key}>
                {done ? <s>{t.rich(message, { link: (chunks) => chunks })}</s> : t.rich(message, { link: link(href) })}{" "}
                <span className="text-sm text-muted">({done ? t("stepDone") : t("stepTodo")})</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby="home-waiting" className={`${cardClass} space-y-3`}>
        <h2 id="home-waiting" className="text-xl font-semibold">
          {t("waitingTitle")}
        </h2>
        {nothing ? (
          <p>{t("waitingNothing")}</p>
        ) : (
          <ul className="space-y-2">
            {broker.requests > 0 ? (
              <li>{t.rich("waitingRequests", { count: broker.requests, link: link(`/n/${slug}/requests`) })}</li>
            ) : null}
            {broker.reports > 0 ? (
              <li>{t.rich("waitingReports", { count: broker.reports, link: link(`/n/${slug}/moderation`) })}</li>
            ) : null}
            {broker.objections > 0 ? (
              <li>{t.rich("waitingObjections", { count: broker.objections, link: link(`/n/${slug}/cycles`) })}</li>
            ) : null}
            {broker.proposals > 0 ? (
              <li>{t.rich("waitingProposals", { count: broker.proposals, link: link(`/n/${slug}/gatherings`) })}</li>
            ) : null}
            {broker.commonsReady > 0 ? (
              <li>{t.rich("waitingCommons", { count: broker.commonsReady, link: link(`/n/${slug}/sharing`) })}</li>
            ) : null}
            {broker.overdue.total > 0 ? (
              <li>
                {t("waitingOverdue", { count: broker.overdue.total })}
                <ul className="mt-1 list-disc space-y-1 pl-6">
                  {broker.overdue.items.map((m) => (
                    <li key={m.id}>
                      {t.rich("overdueItem", {
                        title: m.title,
                        initiative: m.initiativeName,
                        date: m.targetDate ? format.dateTime(m.targetDate, { dateStyle: "long", timeZone: "UTC" }) : "",
                        link: (chunks) => (
                          <Link href={`/n/${slug}/initiatives/${m.initiativeId}`} className="font-medium" lang={lang}>
                            {chunks}
                          </Link>
                        ),
                      })}
                    </li>
                  ))}
                </ul>
              </li>
            ) : null}
          </ul>
        )}
      </section>
    </>
  );
}

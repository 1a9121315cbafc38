import type { Route } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { richLink } from "@/components/home/rich-link";
import { cardClass } from "@/components/ui/styles";
import type { HomeEvent, MemberHome } from "@/lib/home/queries";

/** What happened in the network since the viewer's last visit, newest first. */
export async function SinceLastVisit({ slug, home, lang }: { slug: string; home: MemberHome; lang: string }) {
  const [t, format] = await Promise.all([getTranslations("networkHome"), getFormatter()]);
  const link = <T extends string>(href: Route<T>) => richLink(href, lang);
  const line = (e: HomeEvent): ReactNode => {
    switch (e.kind) {
      case "thread":
        return t.rich("eventThread", { title: e.title, link: link(`/n/${slug}/dialogue/${e.id}`) });
      case "replies":
        return t.rich("eventReplies", {
          count: e.count,
          title: e.title,
          link: link(`/n/${slug}/dialogue/${e.threadId}${e.firstReplyId ? `#reply-${e.firstReplyId}` : ""}`),
        });
      case "cycle_opened":
        return t.rich("eventCycleOpened", { title: e.title, link: link(`/n/${slug}/cycles`) });
      case "cycle_we":
        return t.rich("eventCycleWe", { title: e.title, link: link(`/n/${slug}/cycles`) });
      case "cycle_closed":
        return t.rich("eventCycleClosed", { title: e.title, link: link(`/n/${slug}/cycles/journey`) });
      case "milestone":
        return t.rich("eventMilestone", {
          status: e.status,
          title: e.title,
          initiative: e.initiativeName,
          link: link(`/n/${slug}/initiatives/${e.initiativeId}`),
        });
      case "harvest":
        return t.rich("eventHarvest", { title: e.title, link: link(`/n/${slug}/gatherings/${e.id}`) });
      case "post":
        return t.rich(e.direction === "offer" ? "eventOffer" : "eventRequest", { title: e.title, link: link(`/n/${slug}/exchange/${e.id}`) });
      case "lesson":
        return t.rich("eventLesson", {
          title: e.milestoneTitle,
          initiative: e.initiativeName,
          link: link(`/n/${slug}/initiatives/lessons`),
        });
    }
  };
  const key = (e: HomeEvent) => `${e.kind}-${"id" in e ? e.id : "threadId" in e ? e.threadId : e.cycleId}`;
  return (
    <section aria-labelledby="home-since" className={`${cardClass} space-y-3`}>
      <h2 id="home-since" className="text-xl font-semibold">
        {home.firstVisit ? t("sinceJoined") : t("sinceTitle")}
      </h2>
      <p className="text-sm text-muted">
        {t("sinceWhen", { date: format.dateTime(home.since, { dateStyle: "medium", timeStyle: "short" }) })}
      </p>
      {home.events.length === 0 ? (
        <p>{t("nothingNew")}</p>
      ) : (
        <ul className="space-y-2">
          {home.events.map((e) => (
            <li key={key(e)}>
              <p>{line(e)}</p>
              {e.kind === "lesson" && e.excerpt ? (
                <p className="text-sm text-muted line-clamp-2" lang={lang}>
                  {e.excerpt}
                </p>
              ) : null}
              <p className="text-sm text-muted">
                <time dateTime={e.at.toISOString()}>{format.dateTime(e.at, { dateStyle: "medium", timeStyle: "short" })}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href={`/n/${slug}/dialogue`} className="font-medium">
          {t("toDialogue")}
        </Link>
      </p>
    </section>
  );
}

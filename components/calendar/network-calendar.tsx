import { getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import { env } from "@/lib/env";
import { calendarPaths } from "@/lib/calendar/policy";
import { CalendarFeedForm } from "./feed-form";

/**
 * The "Calendar" section of a network's gatherings list (decision 037): the member's private
 * feed of the network (made, renewed or turned off here; `active` from `loadGatheringsPage` in the
 * page's loader), and for a public network the public feed anyone may subscribe to. The page's
 * <ClientMessages> must include "calendar" (the feed form is a client component).
 */
export async function NetworkCalendarSection({
  slug,
  networkName,
  isPublic,
  active,
}: {
  slug: string;
  networkName: string;
  isPublic: boolean;
  active: boolean;
}) {
  const t = await getTranslations("calendar");
  const publicFeed = `${env().publicUrl}${calendarPaths.publicFeed(slug)}`;
  return (
    <section aria-labelledby="calendar" className={`${cardClass} space-y-3`} data-testid="network-calendar">
      <h2 id="calendar" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="text-muted">{t("networkIntro", { network: networkName })}</p>
      <p className="text-sm text-muted">{t("secretHint")}</p>
      <CalendarFeedForm slug={slug} active={active} />
      {isPublic ? (
        <div className="space-y-1">
          <h3 className="font-semibold">{t("publicTitle")}</h3>
          <p className="text-sm text-muted">
            {t("publicIntro")}{" "}
            <a href={publicFeed.replace(/^https?:/, "webcal:")} className="underline">
              {t("publicLink")}
            </a>{" "}
            <code className="break-all text-xs">{publicFeed}</code>
          </p>
        </div>
      ) : null}
    </section>
  );
}

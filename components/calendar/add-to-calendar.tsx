import { getTranslations } from "next-intl/server";
import { gatheringDetails, gatheringLocation, type CalendarGathering } from "@/lib/calendar/ics";
import { addToCalendarLinks, calendarPaths } from "@/lib/calendar/policy";

/** What the links need of a gathering; `onlineUrl` as the page shows it to this viewer (null or "" when it may not). */
export type AddToCalendarGathering = Pick<
  CalendarGathering,
  "id" | "title" | "purpose" | "startsAt" | "endsAt" | "timeZone" | "mode" | "placeName" | "address"
> & { purposeHtml?: string | null; onlineUrl: string | null };

/**
 * "Add to calendar" on a gathering's page (issue 19 item 4, decision 037): Google Calendar and
 * Outlook on the web with the event filled in, and the .ics download for every other calendar
 * app. A cancelled or proposed gathering has nothing to add: the page leaves this out.
 */
export async function AddToCalendar({ slug, gathering: g }: { slug: string; gathering: AddToCalendarGathering }) {
  const t = await getTranslations("calendar");
  const gathering = { ...g, slug, purposeHtml: g.purposeHtml ?? null, onlineUrl: g.onlineUrl ?? "" };
  const links = addToCalendarLinks({
    title: gathering.title,
    details: gatheringDetails(gathering, { online: t("ics.online"), more: t("ics.more") }),
    location: gatheringLocation(gathering),
    startsAt: gathering.startsAt,
    endsAt: gathering.endsAt,
    timeZone: gathering.timeZone,
  });
  return (
    <nav aria-label={t("addTitle")} className="space-y-2" data-testid="add-to-calendar">
      <h2 className="text-lg font-semibold">{t("addTitle")}</h2>
      <ul className="flex flex-wrap gap-x-4 gap-y-2">
        <li>
          <a href={links.google} target="_blank" rel="noopener noreferrer" className="underline">
            {t("google")}
          </a>
        </li>
        <li>
          <a href={links.outlook} target="_blank" rel="noopener noreferrer" className="underline">
            {t("outlook")}
          </a>
        </li>
        <li>
          <a href={calendarPaths.download(gathering.slug, gathering.id)} download className="underline">
            {t("download")}
          </a>
        </li>
      </ul>
    </nav>
  );
}

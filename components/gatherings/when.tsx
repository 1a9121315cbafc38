import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";

/**
 * When a gathering is, in the viewer's zone (as every time in Kring), and, when the gathering was
 * planned in another zone, its start there too: people travelling to it read the local time.
 */
export async function GatheringWhen({ startsAt, endsAt, timeZone, long = false }: { startsAt: Date; endsAt: Date; timeZone: string; long?: boolean }) {
  const [format, viewerZone, t] = await Promise.all([getFormatter(), getTimeZone(), getTranslations("gatherings")]);
  const range = format.dateTimeRange(startsAt, endsAt, long ? { dateStyle: "full", timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <time dateTime={startsAt.toISOString()}>{range}</time>
      {timeZone !== viewerZone ? (
        <span className="block text-sm text-muted">
          {t("zoneNote", { zone: timeZone, local: format.dateTime(startsAt, { dateStyle: "medium", timeStyle: "short", timeZone }) })}
        </span>
      ) : null}
    </>
  );
}

import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import type { Formatter, Translator } from "@/lib/i18n/server-types";

/** What GatheringWhen renders with: fetched once per page or list, handed to each gathering. */
export type WhenTools = {
  format: Formatter;
  viewerZone: string;
  t: Translator<"gatherings">;
};

/**
 * The tools for GatheringWhen. It is synchronous on purpose: an async component per gathering is
 * a separate task and a separate row of the page's React payload for every item of a list (decision 054).
 */
export async function whenTools(): Promise<WhenTools> {
  const [format, viewerZone, t] = await Promise.all([getFormatter(), getTimeZone(), getTranslations("gatherings")]);
  return { format, viewerZone, t };
}

/**
 * When a gathering is, in the viewer's zone (as every time in Kring), and, when the gathering was
 * planned in another zone, its start there too: people travelling to it read the local time.
 */
export function GatheringWhen({
  startsAt,
  endsAt,
  timeZone,
  long = false,
  tools: { format, viewerZone, t },
}: {
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  long?: boolean;
  tools: WhenTools;
}) {
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

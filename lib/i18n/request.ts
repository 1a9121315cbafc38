import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { fallbackTimeZone, isTimeZone, timeZoneCookie } from "./config";
import { resolveLocale } from "./locale";
import { loadMessages } from "./messages";

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  const zone = (await cookies()).get(timeZoneCookie)?.value;
  return {
    locale,
    messages: await loadMessages(locale),
    // Stored in UTC, shown in the viewer's zone (set by TimeZoneSync).
    timeZone: isTimeZone(zone) ? zone : fallbackTimeZone,
  };
});

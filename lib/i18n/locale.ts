import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { getViewerLocale } from "@/lib/accounts/queries";
import { getViewer } from "@/lib/auth/session";
import { isLocale, localeCookie, negotiateLocale, type AppLocale } from "./config";

/** The language of this request: the profile's, else the chosen cookie, else the browser's. */
export const resolveLocale = cache(async (): Promise<AppLocale> => {
  const viewer = await getViewer();
  if (viewer) {
    const fromProfile = viewer.locale !== undefined ? viewer.locale : await getViewerLocale(viewer.id);
    if (isLocale(fromProfile)) return fromProfile;
  }
  const fromCookie = (await cookies()).get(localeCookie)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  return negotiateLocale((await headers()).get("accept-language"));
});

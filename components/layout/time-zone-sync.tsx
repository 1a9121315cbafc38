"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { timeZoneCookie } from "@/lib/i18n/config";

/**
 * Times are stored in UTC and shown in the viewer's zone. The server learns the
 * zone from this cookie; on the first visit (or after travelling) it is set and
 * the page re-renders once.
 */
export function TimeZoneSync() {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    const current = document.cookie
      .split("; ")
      .find((c) => c.startsWith(`${timeZoneCookie}=`))
      ?.slice(timeZoneCookie.length + 1);
    if (current && decodeURIComponent(current) === zone) return;
    document.cookie = `${timeZoneCookie}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [router]);
  return null;
}

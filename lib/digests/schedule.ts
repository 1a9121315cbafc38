import { TZDate } from "@date-fns/tz";
import type { EmailFrequency } from "@/lib/db/generated/enums";

/**
 * When a person's digest is due. A daily digest's period starts each day at the person's hour in
 * their own time zone, a weekly one on their weekday at that hour; the period that counts is the
 * latest one that has started. Its key names it (a person has one digest per period and network,
 * MailDigest's unique key), and its start is the cutoff: a digest takes what was written before.
 * Daylight-saving changes are the time-zone library's: 08:00 stays 08:00 local on both sides; an
 * hour that does not exist that day (02:00 when clocks jump to 03:00) starts the period at 03:00.
 */
export type DigestSchedule = { frequency: EmailFrequency; hour: number; weekday: number; timeZone: string };
export type DigestPeriod = { key: string; cutoff: Date };

/** Whether the runtime knows the IANA time zone (the email settings accept only these). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A zone the runtime knows, else Europe/Amsterdam (the default of a new person). */
export function knownTimeZone(zone: string): string {
  return isTimeZone(zone) ? zone : "Europe/Amsterdam";
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** The latest digest period that has started by `now`, or null for immediate and off. */
export function currentDigestPeriod(schedule: DigestSchedule, now: Date): DigestPeriod | null {
  if (schedule.frequency !== "daily" && schedule.frequency !== "weekly") return null;
  const zone = knownTimeZone(schedule.timeZone);
  const hour = Math.min(23, Math.max(0, Math.trunc(schedule.hour)));
  const local = new TZDate(now.getTime(), zone);
  // The person's hour on the local calendar day `back` days before today (the constructor
  // carries a day before the 1st into the month before).
  const startOn = (back: number) => new TZDate(local.getFullYear(), local.getMonth(), local.getDate() - back, hour, 0, 0, zone);
  const weekday = Math.min(7, Math.max(1, Math.trunc(schedule.weekday))) % 7; // ISO 7 (Sunday) is getDay() 0
  for (let back = 0; back <= 7; back++) {
    const start = startOn(back);
    if (start.getTime() > now.getTime()) continue;
    if (schedule.frequency === "weekly" && start.getDay() !== weekday) continue;
    const day = `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`;
    return { key: `${schedule.frequency}:${day}`, cutoff: new Date(start.getTime()) };
  }
  return null;
}

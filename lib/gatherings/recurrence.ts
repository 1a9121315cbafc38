import { TZDate } from "@date-fns/tz";
import * as rrule from "rrule";
import type { Options, Weekday } from "rrule";
import { SERIES_MAX, type Repeat } from "./limits";

/**
 * A series' occurrences, computed with the rrule library in the gathering's own zone: the rule runs
 * on "floating" wall-clock times (a Date whose UTC fields are the local date and time), and each
 * occurrence is then placed in the zone, so 19:30 in Amsterdam stays 19:30 after daylight saving
 * changes (rrule's own TZID support counts in the server's zone; this does not depend on it).
 */

// rrule ships ES modules under "module" and a UMD bundle under "main": bundlers take the first,
// Node (tests, scripts) the second, whose names it cannot see; both have RRule somewhere.
const { RRule } = "RRule" in rrule && rrule.RRule ? rrule : (rrule as unknown as { default: typeof rrule }).default;

const WEEKDAYS: Weekday[] = [RRule.SU, RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA];

/** The wall clock of `instant` in `zone`, as a floating Date. */
function floating(instant: Date, zone: string): Date {
  const local = new TZDate(instant.getTime(), zone);
  return new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes()));
}

/** The instant a floating wall-clock time names in `zone` (a time skipped by a DST jump lands after it). */
function placed(wall: Date, zone: string): Date {
  return new Date(
    new TZDate(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), zone).getTime(),
  );
}

export type SeriesEnd = { count: number } | { until: string };

/** The rule's options (without its start): weekly, every two weeks, or monthly on the start's nth weekday. */
function ruleOptions(repeat: Exclude<Repeat, "none">, firstWall: Date, end: SeriesEnd): Partial<Options> {
  const weekday = WEEKDAYS[firstWall.getUTCDay()]!;
  const base: Partial<Options> =
    repeat === "monthly"
      ? {
          freq: RRule.MONTHLY,
          interval: 1,
          // The 1st to 4th weekday of the month; a start in the last seven days is "the last".
          byweekday: [weekday.nth(firstWall.getUTCDate() > 28 ? -1 : Math.ceil(firstWall.getUTCDate() / 7))],
        }
      : { freq: RRule.WEEKLY, interval: repeat === "biweekly" ? 2 : 1, byweekday: [weekday] };
  if ("count" in end) return { ...base, count: Math.min(end.count, SERIES_MAX) };
  const [y, m, d] = end.until.split("-").map(Number) as [number, number, number];
  return { ...base, until: new Date(Date.UTC(y, m - 1, d, 23, 59, 59)) };
}

/** The RFC 5545 rule a series keeps (`FREQ=WEEKLY;INTERVAL=2;COUNT=6`). */
export function seriesRule(repeat: Exclude<Repeat, "none">, start: Date, zone: string, end: SeriesEnd): string {
  return new RRule(ruleOptions(repeat, floating(start, zone), end)).toString().replace(/^RRULE:/, "");
}

/**
 * The start of every occurrence (the first included), at most SERIES_MAX. Returns null when the
 * rule would make more than that (an until date too far away).
 */
export function occurrenceStarts(repeat: Exclude<Repeat, "none">, start: Date, zone: string, end: SeriesEnd): Date[] | null {
  const firstWall = floating(start, zone);
  const rule = new RRule({ ...ruleOptions(repeat, firstWall, end), dtstart: firstWall });
  const walls = rule.all((_, i) => i <= SERIES_MAX);
  if (walls.length > SERIES_MAX) return null;
  // A monthly rule on "the 2nd Tuesday" starts at the first such day on or after the start: the start itself.
  return walls.map((wall) => placed(wall, zone));
}

/** A local date-time (`2026-12-08T19:30`) in `zone` as an instant, or null when it is no real date. */
export function parseLocal(value: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || hour > 23 || minute > 59) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  return placed(new Date(Date.UTC(year, month - 1, day, hour, minute)), zone);
}

/** An instant as a datetime-local value in `zone`, to prefill an input. */
export function toLocal(instant: Date, zone: string): string {
  return floating(instant, zone).toISOString().slice(0, 16);
}

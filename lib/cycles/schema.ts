import { z } from "zod";
import { idField as id, markdownField as markdown, slugField as slug, textField as text } from "@/lib/form-fields";
import { AREAS } from "@/lib/dialogue/limits";
import { MODERATION_REASON_MAX } from "@/lib/moderation/limits";
import { CYCLE_TITLE_MAX, QUESTION_MAX, REFLECTION_MAX } from "./limits";
export * from "./limits";

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** What a datetime-local input sends: a wall-clock time without a zone. */
const localDateTime = z
  .string({ error: "required" })
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, { error: "required", abort: true })
      .regex(LOCAL_DATE_TIME, { error: "datetime_invalid", abort: true })
      // A real calendar date (no 30 February); which zone it is in is known only to the action.
      .refine((v) => parseLocalDateTime(v, "UTC") !== null, "datetime_invalid"),
  );

const area = z.enum(AREAS, { error: "invalid_choice" });

/** The concern (a consent answer of a closed cycle) a new cycle starts from: empty for none. */
const fromConcern = z
  .string()
  .max(64, "invalid")
  .default("")
  .transform((v) => (v.trim() === "" ? null : v.trim()));

export const openCycleSchema = z.object({
  slug,
  title: text(CYCLE_TITLE_MAX),
  question: text(QUESTION_MAX),
  focusArea: z
    .union([z.literal(""), area], { error: "invalid_choice" })
    .default("")
    .transform((v) => (v === "" ? null : v)),
  iDeadline: localDateTime,
  weDeadline: localDateTime,
  fromConcernId: fromConcern,
});

export const extendCycleSchema = z.object({ slug, cycleId: id, iDeadline: localDateTime, weDeadline: localDateTime });
export const advanceCycleSchema = z.object({ slug, cycleId: id });

export const saveReflectionSchema = z.object({
  slug,
  cycleId: id,
  body: markdown(REFLECTION_MAX),
  area,
  // An unticked checkbox sends nothing.
  private: z
    .union([z.literal("on"), z.literal("")], { error: "invalid" })
    .optional()
    .transform((v) => v === "on"),
  intent: z.enum(["draft", "submit"], { error: "invalid_choice" }),
  /**
   * The saved reflection the form was showing (its `updatedAt` in epoch ms), empty when
   * there was none: a save from an outdated form (another tab) is a conflict, not an overwrite.
   */
  version: z
    .string()
    .regex(/^\d{0,15}$/, "invalid")
    .default("")
    .transform((v) => (v === "" ? null : Number(v))),
});


/** A broker hides a member's shared reflection with a reason, or restores it (decision 027). */
export const hideReflectionSchema = z.object({ slug, reflectionId: id, reason: text(MODERATION_REASON_MAX) });
export const restoreReflectionSchema = z.object({ slug, reflectionId: id });

// ---------- wall-clock times in a viewer's zone ----------

function zoneParts(instant: Date, zone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
function zoneOffset(instant: number, zone: string): number {
  const p = zoneParts(new Date(instant), zone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a datetime-local value (`2026-11-25T18:00`) names in `zone`, or null when
 * it is not a real date. A wall time skipped by a daylight-saving jump lands just after it.
 */
export function parseLocalDateTime(value: string, zone: string): Date | null {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (year < 1970 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null; // 30 February
  const first = wall - zoneOffset(wall, zone);
  return new Date(wall - zoneOffset(first, zone));
}

/** An instant as a datetime-local value in `zone` (minutes), to prefill an input. */
export function toLocalInput(instant: Date, zone: string): string {
  const p = zoneParts(instant, zone);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}


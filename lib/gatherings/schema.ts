import { z } from "zod";
import { idField as id, optionalMarkdownField, slugField as slug, textField as text } from "@/lib/form-fields";
import {
  ACCESSIBILITY_MAX,
  ADDRESS_MAX,
  AGENDA_MAX,
  AGENDA_MINUTES_MAX,
  AGENDA_TITLE_MAX,
  CAME_PREFIX,
  CANCEL_REASON_MAX,
  CAPACITY_MAX,
  GATHERING_TITLE_MAX,
  GUEST_NAME_MAX,
  GUESTS_MAX,
  MODES,
  ONLINE_URL_MAX,
  PLACE_NAME_MAX,
  PURPOSE_MAX,
  REPEATS,
  RSVP_CHOICES,
  RSVP_NOTE_MAX,
  SERIES_MAX,
  VISIBILITIES,
} from "./limits";
export * from "./limits";

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What a datetime-local input sends: a wall-clock time in the gathering's zone (read by the mutation). */
const localDateTime = z
  .string({ error: "required" })
  .transform((s) => s.trim())
  .pipe(z.string().min(1, { error: "required", abort: true }).regex(LOCAL_DATE_TIME, "datetime_invalid"));

/** Optional typed text: "" when left empty. */
function optionalText(max: number) {
  return z
    .string()
    .default("")
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().max(max, `too_long|${max}`));
}

/** A whole number typed in a form, or "" for none. */
function optionalInt(min: number, max: number) {
  return z
    .string()
    .default("")
    .transform((s) => s.trim())
    .pipe(
      z.union([
        z.literal("").transform(() => null),
        z
          .string()
          .regex(/^\d{1,9}$/, "invalid_number")
          .transform(Number)
          .pipe(z.number().min(min, `too_small|${min}`).max(max, `too_large|${max}`)),
      ]),
    );
}

const optionalId = z
  .string()
  .max(64, "invalid")
  .default("")
  .transform((v) => (v.trim() === "" ? null : v.trim()));

/**
 * The IANA zone a gathering is planned in: a name the runtime knows (the mutation checks it with
 * isTimeZone, as the email settings do), so a calendar can carry it as VTIMEZONE.
 */
const timeZone = z
  .string({ error: "required" })
  .transform((s) => s.trim())
  .pipe(z.string().min(1, "required").max(64, "zone_unknown"));

/** An online link: http(s) only, nothing a browser would run or open elsewhere. */
const onlineUrl = z
  .string()
  .default("")
  .transform((s) => s.trim())
  .pipe(z.string().max(ONLINE_URL_MAX, `too_long|${ONLINE_URL_MAX}`))
  .refine((s) => s === "" || isHttpUrl(s), "url_http");

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

const AGENDA_KEY = /^agenda\.(\d{1,2})\.(title|minutes|hostId|threadId)$/;

/**
 * The agenda as the form sends it: `agenda.<n>.title`, `.minutes`, `.hostId`, `.threadId`, rows in
 * order. A row left empty is dropped; the others keep their index, so a field error names the input.
 */
function collectAgenda(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
  const rows: (Record<string, unknown> | null)[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const m = AGENDA_KEY.exec(key);
    if (!m) {
      rest[key] = value;
      continue;
    }
    const index = Number(m[1]);
    if (index >= AGENDA_MAX) continue;
    while (rows.length <= index) rows.push(null);
    rows[index] = { ...(rows[index] ?? {}), [m[2]!]: value };
  }
  const blank = (row: Record<string, unknown> | null) =>
    !row || Object.values(row).every((v) => typeof v !== "string" || v.trim() === "");
  return { ...rest, agenda: rows.map((row) => (blank(row) ? null : row)) };
}

const agendaItem = z.object({
  title: text(AGENDA_TITLE_MAX),
  minutes: z
    .string({ error: "required" })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, { error: "required", abort: true })
        .regex(/^\d{1,5}$/, "invalid_number")
        .transform(Number)
        .pipe(z.number().min(1, "too_small|1").max(AGENDA_MINUTES_MAX, `too_large|${AGENDA_MINUTES_MAX}`)),
    ),
  hostId: optionalId,
  threadId: optionalId,
});

/** One agenda item as read, with the index it had in the form (its field errors name that input). */
export type AgendaInput = z.output<typeof agendaItem> & { index: number };

const gatheringFields = {
  slug,
  title: text(GATHERING_TITLE_MAX),
  purpose: optionalMarkdownField(PURPOSE_MAX),
  startsAt: localDateTime,
  endsAt: localDateTime,
  timeZone,
  mode: z.enum(MODES, { error: "invalid_choice" }),
  placeName: optionalText(PLACE_NAME_MAX),
  address: optionalText(ADDRESS_MAX),
  accessibility: optionalText(ACCESSIBILITY_MAX),
  onlineUrl,
  visibility: z.enum(VISIBILITIES, { error: "invalid_choice" }),
  capacity: optionalInt(1, CAPACITY_MAX),
  agenda: z
    .array(agendaItem.nullable())
    .max(AGENDA_MAX)
    .default([])
    .transform((rows) => rows.flatMap((r, index): AgendaInput[] => (r ? [{ ...r, index }] : []))),
};

const idempotencyKey = z.string({ error: "invalid" }).regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid");

export const createGatheringSchema = z.preprocess(
  collectAgenda,
  z.object({
    ...gatheringFields,
    idempotencyKey,
    repeat: z.enum(REPEATS, { error: "invalid_choice" }).default("none"),
    /** How many occurrences (the first included), or "" when the series runs until a date. */
    repeatCount: optionalInt(2, SERIES_MAX),
    repeatUntil: z
      .string()
      .default("")
      .transform((s) => s.trim())
      .pipe(z.union([z.literal(""), z.string().regex(LOCAL_DATE, "date_invalid")])),
  }),
);
export type CreateGatheringInput = Omit<z.output<typeof createGatheringSchema>, "slug">;

export const updateGatheringSchema = z.preprocess(collectAgenda, z.object({ ...gatheringFields, gatheringId: id }));
export type UpdateGatheringInput = Omit<z.output<typeof updateGatheringSchema>, "slug">;

export const cancelGatheringSchema = z.object({ slug, gatheringId: id, reason: optionalText(CANCEL_REASON_MAX) });
export const planGatheringSchema = z.object({ slug, gatheringId: id });
export const endSeriesSchema = z.object({ slug, seriesId: id });

export const rsvpSchema = z.object({
  slug,
  gatheringId: id,
  status: z.enum(RSVP_CHOICES, { error: "invalid_choice" }),
  note: optionalText(RSVP_NOTE_MAX),
});

/**
 * Who came: a checkbox `came.<userId>` per member (pre-filled from "going"), and guests without an
 * account, one name a line.
 */
export const attendanceSchema = z
  .object({
    slug,
    gatheringId: id,
    guests: z
      .string()
      .default("")
      .transform((s) =>
        s
          .normalize("NFC")
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line.length > 0),
      )
      .pipe(z.array(z.string().max(GUEST_NAME_MAX, `line_too_long|${GUEST_NAME_MAX}`)).max(GUESTS_MAX, `too_many|${GUESTS_MAX}`)),
  })
  .catchall(z.string().max(10))
  .transform(({ slug, gatheringId, guests, ...rest }) => ({
    slug,
    gatheringId,
    guests: [...new Set(guests)],
    came: Object.keys(rest)
      .filter((k) => k.startsWith(CAME_PREFIX) && rest[k] === "on")
      .map((k) => k.slice(CAME_PREFIX.length))
      .filter((k) => k.length > 0 && k.length <= 64),
  }));

import { z } from "zod";
import { idField as id, markdownField as markdown, optionalMarkdownField, slugField as slug, textField as text } from "@/lib/form-fields";
import { AREAS } from "@/lib/dialogue/limits";
import { AppError } from "@/lib/errors";
import { MODERATION_REASON_MAX } from "@/lib/moderation/limits";
import { GROWTH_STAGES } from "@/lib/support/limits";
import { DEFAULT_CURRENCY, MoneyError, parseAmount, type Money } from "./money";
import { INITIATIVE_NAME_MAX, INITIATIVE_STATUSES, INITIATIVE_TEXT_MAX, MILESTONE_STATUSES, MILESTONE_TEXT_MAX, MILESTONE_TITLE_MAX, NOTE_MAX, TEAM_MAX, UPDATE_BODY_MAX, UPDATE_KINDS, type InitiativeStatus } from "./limits";
export * from "./limits";

/** Optional typed text: NFC, trimmed, bounded, "" when left empty. */
function optionalText(max: number) {
  return z
    .string()
    .default("")
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().max(max, `too_long|${max}`));
}

/** Generated once per form render; the same key sent twice means the same record. */
const idempotencyKey = z.string({ error: "invalid" }).regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid");

const area = z.enum(AREAS, { error: "invalid_choice" });

/** An ISO 4217 code as typed ("eur" is EUR); whether Intl knows it is checked with the amount. */
const currency = z
  .string()
  .default(DEFAULT_CURRENCY)
  .transform((s) => s.trim().toUpperCase() || DEFAULT_CURRENCY)
  .pipe(z.string().regex(/^[A-Z]{3}$/, "currency_unknown"));

/** The typed amount stays text until it meets its currency and the viewer's locale (readMoney). */
const amount = z
  .string({ error: "amount_required" })
  .transform((s) => s.trim())
  .pipe(z.string().min(1, "amount_required").max(40, "amount_invalid"));

/** A date input's value (YYYY-MM-DD), a real calendar date, or empty for none. */
const optionalDate = z
  .string()
  .default("")
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .refine((v) => v === "" || parseDateInput(v) !== null, "date_invalid")
      .transform((v) => (v === "" ? null : parseDateInput(v))),
  );

function parseDateInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day] = m.slice(1).map(Number) as [number, number, number];
  if (year < 2000 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

/** A stored date (UTC midnight) as a date input shows it. */
export function toDateInput(date: Date | null): string {
  return date ? date.toISOString().slice(0, 10) : "";
}

/** Whole percent 0-100, as typed. */
const percent = z
  .string({ error: "required" })
  .transform((s) => s.trim())
  .pipe(z.string().regex(/^\d{1,3}$/, "percent_invalid").transform(Number))
  .pipe(z.number().int().min(0, "percent_invalid").max(100, "percent_invalid"));

/**
 * The team, from checkboxes named `team_<userId>` (an unticked box sends nothing).
 * runAction hands forms over as one value per name, so each person gets their own name.
 */
function teamOf(form: Record<string, unknown>): string[] {
  return Object.keys(form)
    .filter((k) => k.startsWith("team_") && form[k] === "on")
    .map((k) => k.slice("team_".length))
    .filter((v) => v.length > 0 && v.length <= 64);
}

const initiativeFields = {
  slug,
  name: text(INITIATIVE_NAME_MAX),
  description: markdown(INITIATIVE_TEXT_MAX),
  systemChange: markdown(INITIATIVE_TEXT_MAX),
  status: z.enum(INITIATIVE_STATUSES, { error: "invalid_choice" }),
};

/** The initiative fields with the ticked team; more than TEAM_MAX people is a field error. */
function withTeam<T extends object>(v: T & Record<string, unknown>, ctx: z.RefinementCtx) {
  const team = teamOf(v);
  if (team.length > TEAM_MAX) {
    ctx.addIssue({ code: "custom", path: ["team"], message: `too_many|${TEAM_MAX}` });
    return z.NEVER;
  }
  return team;
}

export const createInitiativeSchema = z
  .looseObject(initiativeFields)
  .transform((v, ctx) => ({ ...pickInitiative(v), team: withTeam(v, ctx) }));

export const editInitiativeSchema = z
  .looseObject({ ...initiativeFields, initiativeId: id })
  .transform((v, ctx) => ({ ...pickInitiative(v), initiativeId: v.initiativeId, team: withTeam(v, ctx) }));

function pickInitiative(v: { slug: string; name: string; description: string; systemChange: string; status: InitiativeStatus }) {
  return { slug: v.slug, name: v.name, description: v.description, systemChange: v.systemChange, status: v.status };
}

const milestoneFields = {
  slug,
  title: text(MILESTONE_TITLE_MAX),
  unlocks: text(MILESTONE_TEXT_MAX),
  targetDate: optionalDate,
  amount,
  currency,
  /** The growth stage of this step (optional): "find support for this step" filters the support map by it. */
  stage: z
    .string()
    .default("")
    .transform((s) => s.trim())
    .pipe(z.enum(["", ...GROWTH_STAGES], { error: "invalid_choice" }))
    .transform((s) => (s === "" ? null : s)),
};

export const addMilestoneSchema = z.object({ ...milestoneFields, initiativeId: id });
export const editMilestoneSchema = z.object({ ...milestoneFields, milestoneId: id });

export const moveMilestoneSchema = z.object({
  slug,
  milestoneId: id,
  direction: z.enum(["up", "down"], { error: "invalid_choice" }),
});

export const setMilestoneStatusSchema = z.object({
  slug,
  milestoneId: id,
  status: z.enum(MILESTONE_STATUSES, { error: "invalid_choice" }),
  /** The lesson of a learned milestone, or why it was dropped (required for those two). */
  note: optionalMarkdownField(NOTE_MAX),
  /** The lesson's area, for the lessons log (learned only). */
  area: z
    .union([z.literal(""), area], { error: "invalid_choice" })
    .default("")
    .transform((v) => (v === "" ? null : v)),
});

export const postUpdateSchema = z
  .object({
    slug,
    milestoneId: id,
    kind: z.enum(UPDATE_KINDS, { error: "invalid_choice" }),
    body: markdown(UPDATE_BODY_MAX),
    progress: z.string().default(""),
    area: z.union([z.literal(""), area], { error: "invalid_choice" }).default(""),
    idempotencyKey,
  })
  .transform((v, ctx) => {
    let progress: number | null = null;
    if (v.kind === "progress") {
      const parsed = percent.safeParse(v.progress);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", path: ["progress"], message: v.progress.trim() ? "percent_invalid" : "required" });
        return z.NEVER;
      }
      progress = parsed.data;
    }
    if (v.kind === "lesson" && v.area === "") {
      ctx.addIssue({ code: "custom", path: ["area"], message: "required" });
      return z.NEVER;
    }
    return { ...v, progress, area: v.area === "" ? null : v.area };
  });

export const pledgeSchema = z.object({
  slug,
  milestoneId: id,
  amount,
  currency,
  condition: optionalText(NOTE_MAX),
  idempotencyKey,
});

/** A broker hides a milestone update (a lesson too) with a reason, or restores it (decision 027). */
export const hideUpdateSchema = z.object({ slug, updateId: id, reason: text(MODERATION_REASON_MAX) });
export const restoreUpdateSchema = z.object({ slug, updateId: id });

export const releasePledgeSchema = z.object({ slug, pledgeId: id });
export const withdrawPledgeSchema = z.object({ slug, pledgeId: id, reason: text(NOTE_MAX) });

/** The lessons log's filters from the URL; anything unknown means "no filter". */
export const lessonFilterSchema = z.object({
  initiative: z.string().max(64).optional().catch(undefined),
  area: area.optional().catch(undefined),
});

/**
 * The typed amount in minor units of the typed currency, read in the viewer's locale.
 * A refusal is a field error on `amount` (or `currency`), so the form shows it there
 * with what was typed kept.
 */
export function readMoney(input: { amount: string; currency: string }, locale: string): Money {
  try {
    return { amount: parseAmount(input.amount, input.currency, locale), currency: input.currency };
  } catch (error) {
    if (error instanceof MoneyError) {
      const field = error.code === "currency_unknown" ? "currency" : "amount";
      throw new AppError("invalid_input", { [field]: [error.code] });
    }
    throw error;
  }
}

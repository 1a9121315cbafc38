import { z } from "zod";
import { idField as id, optionalMarkdownField, slugField as slug, textField as text } from "@/lib/form-fields";
import {
  DESCRIPTION_MAX,
  ELIGIBILITY_MAX,
  EMAIL_MAX,
  ENTRY_NAME_MAX,
  GROWTH_STAGES,
  KIND_PREFIX,
  LINK_MAX,
  PHONE_MAX,
  PROVIDER_MAX,
  REGION_MAX,
  REVIEW_DECISIONS,
  REVIEW_NOTE_MAX,
  STAGE_PREFIX,
  SUPPORT_KINDS,
} from "./limits";
export * from "./limits";

/** Optional typed text: "" when left empty. */
function optionalText(max: number) {
  return z
    .string()
    .default("")
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().max(max, `too_long|${max}`));
}

/** A web address anyone can open: http(s), a host with a dot (or localhost), no credentials. */
function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" && url.protocol !== "http:") return false;
    if (url.username || url.password) return false;
    return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname) || url.hostname === "localhost";
  } catch {
    return false;
  }
}

/** An optional link: well-formed http(s) only, never fetched when written (decision 040). */
const optionalLink = z
  .string()
  .default("")
  .transform((s) => s.trim())
  .pipe(z.string().max(LINK_MAX, `too_long|${LINK_MAX}`))
  .refine((s) => s === "" || isHttpUrl(s), "url_http");

const optionalEmail = z
  .string()
  .default("")
  .transform((s) => s.trim())
  .pipe(z.string().max(EMAIL_MAX, `too_long|${EMAIL_MAX}`))
  .refine((s) => s === "" || z.email().safeParse(s).success, "email_invalid");

/** A phone number as people write it: digits with spaces, dashes, dots, brackets, an optional leading +. */
const PHONE = /^\+?[0-9 ().\/-]+$/;
const optionalPhone = z
  .string()
  .default("")
  .transform((s) => s.trim().replace(/\s+/g, " "))
  .pipe(z.string().max(PHONE_MAX, `too_long|${PHONE_MAX}`))
  .refine((s) => s === "" || (PHONE.test(s) && (s.match(/\d/g)?.length ?? 0) >= 6), "phone_invalid");

/**
 * The kinds and stages as a form sends them (a checkbox `kind.<kind>` / `stage.<stage>` each, "on"
 * when ticked), read into `kinds` and `stages`. An unknown name is kept, so it fails as a choice.
 */
function collectChoices(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
  const rest: Record<string, unknown> = {};
  const kinds: string[] = [];
  const stages: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith(KIND_PREFIX)) {
      if (value === "on") kinds.push(key.slice(KIND_PREFIX.length));
    } else if (key.startsWith(STAGE_PREFIX)) {
      if (value === "on") stages.push(key.slice(STAGE_PREFIX.length));
    } else rest[key] = value;
  }
  return { ...rest, kinds: [...new Set(kinds)], stages: [...new Set(stages)] };
}

const entryFields = {
  slug,
  provider: text(PROVIDER_MAX),
  name: text(ENTRY_NAME_MAX),
  description: optionalMarkdownField(DESCRIPTION_MAX),
  kinds: z.array(z.enum(SUPPORT_KINDS, { error: "invalid_choice" })).min(1, "kind_required").max(SUPPORT_KINDS.length),
  /** None: the entry serves every stage. */
  stages: z.array(z.enum(GROWTH_STAGES, { error: "invalid_choice" })).max(GROWTH_STAGES.length),
  eligibility: optionalText(ELIGIBILITY_MAX),
  region: optionalText(REGION_MAX),
  url: optionalLink,
  email: optionalEmail,
  phone: optionalPhone,
  sourceUrl: optionalLink,
};

const idempotencyKey = z.string({ error: "invalid" }).regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid");

/** A broker adds an entry (listed), a member suggests one (waiting for a broker). */
export const createSupportEntrySchema = z.preprocess(collectChoices, z.object({ ...entryFields, idempotencyKey }));
export type CreateSupportEntryInput = Omit<z.output<typeof createSupportEntrySchema>, "slug">;

export const updateSupportEntrySchema = z.preprocess(collectChoices, z.object({ ...entryFields, entryId: id }));
export type UpdateSupportEntryInput = Omit<z.output<typeof updateSupportEntrySchema>, "slug">;

export const checkSupportEntrySchema = z.object({ slug, entryId: id });
export const removeSupportEntrySchema = z.object({ slug, entryId: id });

/** A broker lists a suggestion or declines it; declining says why (the suggester reads it). */
export const reviewSupportEntrySchema = z
  .object({
    slug,
    entryId: id,
    decision: z.enum(REVIEW_DECISIONS, { error: "invalid_choice" }),
    note: optionalText(REVIEW_NOTE_MAX),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "decline" && v.note === "") ctx.addIssue({ code: "custom", path: ["note"], message: "decline_reason_required" });
  });

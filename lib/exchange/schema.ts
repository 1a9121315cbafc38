import { z } from "zod";
import { idField as id, optionalMarkdownField, slugField as slug, tagListField, textField as text } from "@/lib/form-fields";
import {
  CAPITAL_CHOICES,
  CAPITAL_KINDS,
  DIRECTIONS,
  EXCHANGE_ADDRESS_MAX,
  EXCHANGE_BODY_MAX,
  EXCHANGE_LESSON_MAX,
  EXCHANGE_TITLE_MAX,
  EXCHANGE_VISIBILITIES,
  FREE_TAGS_FIELD_MAX,
  FREE_TAGS_MAX,
  TAG_LABEL_MAX,
  TAG_MAX,
  TAG_PREFIX,
  THANKS_MAX,
  TOWN_MAX,
  WITHDRAW_REASON_MAX,
} from "./limits";
import { looksLikeStreetAddress } from "./policy";
import { normalizeTag } from "./tags";
export * from "./limits";

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Optional typed text: "" when left empty. */
function optionalText(max: number) {
  return z
    .string()
    .default("")
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().max(max, `too_long|${max}`));
}

/** A date input's value (the post expires at the end of that day, in the network's zone). */
const expiryDate = z
  .string({ error: "required" })
  .transform((s) => s.trim())
  .pipe(z.string().min(1, { error: "required", abort: true }).regex(LOCAL_DATE, "date_invalid"));

const idempotencyKey = z.string({ error: "invalid" }).regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid");

/**
 * The kind of capital: one of the six, or money, which the form offers only to say where money
 * goes (a pledge to a milestone) at the field.
 */
const capital = z
  .enum(CAPITAL_CHOICES, { error: "invalid_choice" })
  .refine((c) => c !== "money", "exchange_money")
  .transform((c) => c as Exclude<typeof c, "money">);

/** "What this unlocks": `initiative:<id>`, `milestone:<id>`, or "" for nothing. */
const unlocks = z
  .string()
  .max(80, "invalid_choice")
  .default("")
  .transform((s) => s.trim())
  .pipe(
    z.union([
      z.literal("").transform(() => null),
      z
        .string()
        .regex(/^(initiative|milestone):[A-Za-z0-9_-]{1,64}$/, "invalid_choice")
        .transform((s) => {
          const [kind, ref] = s.split(":") as ["initiative" | "milestone", string];
          return { kind, id: ref };
        }),
    ]),
  );

const postFields = {
  slug,
  direction: z.enum(DIRECTIONS, { error: "invalid_choice" }),
  capital,
  title: text(EXCHANGE_TITLE_MAX),
  body: optionalMarkdownField(EXCHANGE_BODY_MAX),
  freeTags: tagListField(FREE_TAGS_FIELD_MAX, FREE_TAGS_MAX),
  unlocks,
  // A town or area, never a street address (decision 039): said at the field with the other refusals.
  town: optionalText(TOWN_MAX).refine((s) => !looksLikeStreetAddress(s), "exchange_street_address"),
  address: optionalText(EXCHANGE_ADDRESS_MAX),
  showAddress: z
    .string()
    .default("")
    .transform((s) => s === "on"),
  expiresOn: expiryDate,
  visibility: z.enum(EXCHANGE_VISIBILITIES, { error: "invalid_choice" }),
};

/**
 * The vocabulary tags ticked: a checkbox `tag.<slug>` each. Whether each names a tag of the
 * network's vocabulary is the mutation's to check (an unknown one is refused at `tags`).
 */
function withTags<T extends z.ZodRawShape>(shape: T) {
  return z
    .object(shape)
    // Other fields (a checkbox per tag, anything else a client adds) are read, then dropped.
    .catchall(z.unknown())
    .transform((all) => {
      const picked: string[] = [];
      const rest: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(all)) {
        if (key.startsWith(TAG_PREFIX)) {
          if (value === "on") picked.push(key.slice(TAG_PREFIX.length));
        } else if (key in shape) rest[key] = value;
      }
      return { ...(rest as z.output<z.ZodObject<T>>), tags: [...new Set(picked)] };
    });
}

export const createPostSchema = withTags({ ...postFields, idempotencyKey });
export type CreatePostInput = Omit<z.output<typeof createPostSchema>, "slug">;

export const updatePostSchema = withTags({ ...postFields, postId: id });
export type UpdatePostInput = Omit<z.output<typeof updatePostSchema>, "slug">;

export const postRefSchema = z.object({ slug, postId: id });

export const renewPostSchema = z.object({ slug, postId: id, expiresOn: expiryDate });

export const withdrawPostSchema = z.object({ slug, postId: id, reason: optionalText(WITHDRAW_REASON_MAX) });

export const fulfilPostSchema = z.object({
  slug,
  postId: id,
  helperId: z
    .string()
    .max(64, "invalid_choice")
    .default("")
    .transform((v) => (v.trim() === "" ? null : v.trim())),
  thanks: optionalMarkdownField(THANKS_MAX),
  lesson: optionalMarkdownField(EXCHANGE_LESSON_MAX),
});

// ---------------------------------------------------------------- the vocabulary

/** A tag's slug as typed: normalised, then required. */
const tagSlug = z
  .string({ error: "required" })
  .max(TAG_MAX * 4, `too_long|${TAG_MAX}`)
  .transform(normalizeTag)
  .pipe(z.string().min(1, "required"));

export const addTagSchema = z.object({ slug, tag: tagSlug, labelEn: text(TAG_LABEL_MAX), labelNl: text(TAG_LABEL_MAX) });
export const renameTagSchema = z.object({ slug, tagId: id, labelEn: text(TAG_LABEL_MAX), labelNl: text(TAG_LABEL_MAX) });
export const removeTagSchema = z.object({ slug, tagId: id });

/** The list's filters, from the query string: anything unknown is no filter. */
export const exchangeFilterSchema = z.object({
  direction: z.enum(DIRECTIONS).optional().catch(undefined),
  capital: z.enum(CAPITAL_KINDS).optional().catch(undefined),
  tag: z
    .string()
    .max(TAG_MAX * 4)
    .transform(normalizeTag)
    .optional()
    .catch(undefined)
    .transform((t) => (t ? t : undefined)),
});
export type ExchangeFilter = Partial<z.output<typeof exchangeFilterSchema>>;

import { z } from "zod";
import { idField as id, markdownField as markdown, slugField as slug, textField as text } from "@/lib/form-fields";
import { AREAS, BODY_MAX, LEVELS, MENTIONS_MAX, REACTION_KINDS, THREAD_TITLE_MAX } from "./limits";
export * from "./limits";

/** Generated once per form render; the same key sent twice means the same post. */
const idempotencyKey = z.string({ error: "invalid" }).regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid");

export const levelSchema = z.enum(LEVELS, { error: "invalid_choice" });
export const areaSchema = z.enum(AREAS, { error: "invalid_choice" });

export const createThreadSchema = z.object({
  slug,
  title: text(THREAD_TITLE_MAX),
  body: markdown(BODY_MAX),
  level: levelSchema,
  area: areaSchema,
  idempotencyKey,
});

/** Member ids chosen in the mention autocomplete, comma-separated. */
const mentionIds = z
  .string()
  .default("")
  .transform((s) => [...new Set(s.split(",").map((v) => v.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(64)).max(MENTIONS_MAX, `too_many|${MENTIONS_MAX}`));

export const createReplySchema = z.object({
  slug,
  threadId: id,
  body: markdown(BODY_MAX),
  quotedReplyId: z
    .string()
    .max(64)
    .default("")
    .transform((s) => s || null),
  mentions: mentionIds,
  idempotencyKey,
});

export const editThreadSchema = z.object({ slug, threadId: id, title: text(THREAD_TITLE_MAX), body: markdown(BODY_MAX) });
export const editReplySchema = z.object({ slug, replyId: id, body: markdown(BODY_MAX) });
export const deleteReplySchema = z.object({ slug, replyId: id });
export const toggleReactionSchema = z.object({
  slug,
  replyId: id,
  kind: z.enum(REACTION_KINDS, { error: "invalid_choice" }),
});

/** The thread list's filters from the URL; anything unknown means "no filter". */
export const threadFilterSchema = z.object({
  level: levelSchema.optional().catch(undefined),
  area: areaSchema.optional().catch(undefined),
});


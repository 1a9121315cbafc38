import { z } from "zod";
import { MARKDOWN_NESTING_MAX, markdownNesting } from "@/lib/markdown/nesting";
import { parseTagList } from "@/lib/membership/help-tags";

/**
 * The zod building blocks every domain's forms share, so a slug, an id or a piece of
 * typed text is read the same way everywhere. Messages are codes (`required`,
 * `too_long|<max>`) that the forms translate.
 */

/** A network's slug as a form sends it (which network is then decided by the membership check). */
export const slugField = z.string({ error: "required" }).min(1, "required").max(100);

/** A record's id as a form sends it. */
export const idField = z.string({ error: "required" }).min(1, "required").max(64);

/** Typed text: NFC, trimmed, required and bounded. */
export function textField(max: number) {
  return z
    .string({ error: "required" })
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().min(1, "required").max(max, `too_long|${max}`));
}

/**
 * Typed Markdown: like `textField`, and nested no deeper than MARKDOWN_NESTING_MAX (block quotes,
 * lists, emphasis and links together), or a field error `too_deep|<max>` (decision 027). Every
 * field whose text is rendered as Markdown, now or later, reads through this.
 */
export function markdownField(max: number) {
  return textField(max).refine((s) => markdownNesting(s) <= MARKDOWN_NESTING_MAX, `too_deep|${MARKDOWN_NESTING_MAX}`);
}

/** Optional typed Markdown: "" when left empty, otherwise bounded like `markdownField`. */
export function optionalMarkdownField(max: number) {
  return z
    .string()
    .default("")
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().max(max, `too_long|${max}`))
    .refine((s) => markdownNesting(s) <= MARKDOWN_NESTING_MAX, `too_deep|${MARKDOWN_NESTING_MAX}`);
}

/**
 * Tags typed in one field (commas, semicolons or new lines between them), as an exchange post's
 * free tags and a profile's "I can help with" take them: at most `inputMax` characters typed, then
 * normalised and without repeats (lib/membership/help-tags.ts), at most `max` tags. A piece that
 * holds nothing a tag can keep, or one too long, is refused at the field, never dropped or cut.
 */
export function tagListField(inputMax: number, max: number) {
  return z
    .string()
    .default("")
    .pipe(z.string().max(inputMax, `too_long|${inputMax}`))
    .transform((typed, ctx) => {
      const parsed = parseTagList(typed, max);
      if ("problem" in parsed) {
        ctx.addIssue({ code: "custom", message: parsed.problem });
        return z.NEVER;
      }
      return parsed.tags;
    });
}

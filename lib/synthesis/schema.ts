import { z } from "zod";
import { CITE_PREFIX, CONSENT_CHOICES, CONSENT_TEXT_MAX, HANDLED_NOTE_MAX, HANDLED_PREFIX, SYNTHESIS_MAX } from "@/lib/cycles/limits";
import { idField as id, markdownField as markdown, slugField as slug, textField as text } from "@/lib/form-fields";
import { MODERATION_REASON_MAX } from "@/lib/moderation/limits";

// The WE phase's forms: the synthesis, the consent round and closing the cycle. Limits and
// choices stay in lib/cycles/limits.ts, without zod, where the browser's forms import them.

/** Keys of a loose form object that start with `prefix`, without it. */
function prefixed(form: Record<string, unknown>, prefix: string): string[] {
  return Object.keys(form)
    .filter((k) => k.startsWith(prefix) && k.length > prefix.length)
    .map((k) => k.slice(prefix.length));
}

export const saveSynthesisSchema = z
  .looseObject({
    slug,
    cycleId: id,
    /** The revision number the form was editing (0: there was none yet): the optimistic-concurrency key. */
    base: z
      .string({ error: "invalid" })
      .regex(/^\d{1,9}$/, "invalid")
      .transform((v) => Number(v)),
    body: markdown(SYNTHESIS_MAX),
  })
  .transform((form) => {
    const cites = prefixed(form, CITE_PREFIX).filter((key) => form[`${CITE_PREFIX}${key}`] === "on");
    return { slug: form.slug, cycleId: form.cycleId, base: form.base, body: form.body, cites: [...new Set(cites)].slice(0, 500) };
  });

export const callConsentSchema = z.object({ slug, cycleId: id });

/** A broker hides the text of a member's consent answer (a concern, an objection) with a reason, or restores it. */
export const hideConsentAnswerSchema = z.object({ slug, answerId: id, reason: text(MODERATION_REASON_MAX) });
export const restoreConsentAnswerSchema = z.object({ slug, answerId: id });

export const answerConsentSchema = z
  .object({
    slug,
    cycleId: id,
    roundId: id,
    answer: z.enum(CONSENT_CHOICES, { error: "invalid_choice" }),
    text: z
      .string()
      .default("")
      .transform((s) => s.normalize("NFC").trim())
      .pipe(z.string().max(CONSENT_TEXT_MAX, `too_long|${CONSENT_TEXT_MAX}`)),
  })
  .superRefine((v, ctx) => {
    // A concern needs its text, an objection its reason; an agreement needs nothing.
    if (v.answer !== "agree" && v.text.length === 0) ctx.addIssue({ code: "custom", path: ["text"], message: "required" });
  })
  .transform((v) => ({ ...v, text: v.answer === "agree" ? "" : v.text }));

export const closeCycleSchema = z
  .looseObject({ slug, cycleId: id })
  .transform((form, ctx) => {
    const notes: Record<string, string> = {};
    for (const key of prefixed(form, HANDLED_PREFIX).slice(0, 500)) {
      const raw = form[`${HANDLED_PREFIX}${key}`];
      const note = typeof raw === "string" ? raw.normalize("NFC").trim() : "";
      if (note.length > HANDLED_NOTE_MAX) {
        ctx.addIssue({ code: "custom", path: [`${HANDLED_PREFIX}${key}`], message: `too_long|${HANDLED_NOTE_MAX}` });
      }
      if (note) notes[key] = note;
    }
    return { slug: form.slug, cycleId: form.cycleId, notes };
  });

import { z } from "zod";
import { idField as id, slugField as slug } from "@/lib/form-fields";
import { ATTRIBUTIONS, COMMONS_KINDS, CONSENT_NOTE_MAX, LICENCES } from "./limits";
export * from "./limits";

const idempotencyKey = z.string({ error: "invalid" }).regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid");

/** Optional typed text: "" when left empty. */
const note = z
  .string()
  .default("")
  .transform((s) => s.normalize("NFC").trim())
  .pipe(z.string().max(CONSENT_NOTE_MAX, `too_long|${CONSENT_NOTE_MAX}`));

/**
 * "Share with the commons" on a lesson, a closed cycle, a closed milestone, a harvest or a support
 * entry. The kind is one of the five; a reflection is none of them, so it fails here already, and the
 * server looks the record up as that kind in this network (mutations.ts).
 */
export const proposeSchema = z.object({
  slug,
  kind: z.enum(COMMONS_KINDS, { error: "invalid_choice" }),
  sourceId: id,
  idempotencyKey,
});
export type ProposeInput = Omit<z.output<typeof proposeSchema>, "slug">;

/** A person asked agrees (choosing attribution and licence) or objects (saying why). */
export const answerSchema = z
  .object({
    slug,
    proposalId: id,
    choice: z.enum(["agree", "object"], { error: "invalid_choice" }),
    attribution: z.enum(ATTRIBUTIONS, { error: "invalid_choice" }).default("anonymous"),
    licence: z.enum(LICENCES, { error: "invalid_choice" }).default("cc_by_4_0"),
    note,
  })
  .superRefine((v, ctx) => {
    if (v.choice === "object" && v.note === "") ctx.addIssue({ code: "custom", path: ["note"], message: "objection_reason_required" });
  });
export type AnswerInput = Omit<z.output<typeof answerSchema>, "slug">;

export const publishSchema = z.object({ slug, proposalId: id });
/** Withdrawing a published item, or cancelling a proposal before publication. */
export const withdrawSchema = z.object({ slug, proposalId: id });

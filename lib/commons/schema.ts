import { z } from "zod";
import { markdownField } from "@/lib/form-fields";
import { QUESTION_MAX, REPLY_EMAIL_MAX } from "./limits";
export * from "./limits";

/** A key a form sends so a double submit writes once. */
const idempotencyKey = z.string({ error: "required" }).min(8, "invalid").max(64, "invalid");

/** An item's id as a form sends it: a UUID, or the field error `invalid` (never a database error). */
const itemId = z
  .string({ error: "required" })
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "invalid")
  .transform((s) => s.toLowerCase());

/** The address the asker chooses to give for the answer: optional, and a well-formed address if given. */
const replyEmail = z
  .string()
  .default("")
  .transform((s) => s.trim())
  .pipe(z.string().max(REPLY_EMAIL_MAX, `too_long|${REPLY_EMAIL_MAX}`))
  .refine((s) => s === "" || z.email().safeParse(s).success, "email_invalid");

/** "Ask the source network": a question about a commons item, for the brokers of the network that shared it. */
export const askCommonsQuestionSchema = z.object({
  itemId,
  body: markdownField(QUESTION_MAX),
  replyEmail,
  idempotencyKey,
});
export type AskCommonsQuestionInput = z.output<typeof askCommonsQuestionSchema>;

import { z } from "zod";

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

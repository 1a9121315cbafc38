import { z } from "zod";
import { PROFILE_BIO_MAX, PROFILE_NAME_MAX } from "./limits";
export * from "./limits";

export const profileSchema = z.object({
  name: z
    .string({ error: "required" })
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().min(1, "required").max(PROFILE_NAME_MAX, `too_long|${PROFILE_NAME_MAX}`)),
  bio: z
    .string()
    .default("")
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().max(PROFILE_BIO_MAX, `too_long|${PROFILE_BIO_MAX}`)),
  locale: z.enum(["en", "nl"], { error: "invalid_choice" }),
  /** A checkbox: sent as "on" when checked, absent when not. */
  emailReminders: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});
export type ProfileInput = z.output<typeof profileSchema>;

export const localeSchema = z.object({ locale: z.enum(["en", "nl"]), returnTo: z.string().max(2000).default("/") });

export const signInSchema = z.object({
  email: z
    .string({ error: "required" })
    .trim()
    .min(1, "required")
    .max(254, "too_long|254")
    .pipe(z.email({ error: "email_invalid" })),
  callbackUrl: z.string().max(2000).default("/"),
});

/** Deleting an account asks for the address typed out, so it is never a slip of the mouse. */
export const deleteAccountSchema = z.object({
  confirmEmail: z.string({ error: "required" }).trim().min(1, "required").max(254, "too_long|254"),
});

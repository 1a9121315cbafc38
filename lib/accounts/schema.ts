import { z } from "zod";
import { isTimeZone } from "@/lib/digests/schedule";
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

const EMAIL_FREQUENCIES = ["immediate", "daily", "weekly", "off"] as const;

/** A time zone the runtime knows (IANA names such as Europe/Amsterdam). */
const timeZone = z
  .string({ error: "required" })
  .trim()
  .min(1, "required")
  .max(64, "too_long|64")
  .refine(isTimeZone, "invalid_choice");

/** The person's email settings (issue 17): how often, and when their digest comes. */
export const emailSettingsSchema = z.object({
  frequency: z.enum(EMAIL_FREQUENCIES, { error: "invalid_choice" }),
  digestHour: z.coerce.number({ error: "invalid_choice" }).int("invalid_choice").min(0, "invalid_choice").max(23, "invalid_choice"),
  digestWeekday: z.coerce.number({ error: "invalid_choice" }).int("invalid_choice").min(1, "invalid_choice").max(7, "invalid_choice"),
  timeZone,
});
export type EmailSettingsInput = z.output<typeof emailSettingsSchema>;

/** One network's own frequency for the person; "" follows their general choice. */
export const networkEmailSchema = z.object({
  slug: z.string().min(1).max(64),
  frequency: z.union([z.enum(EMAIL_FREQUENCIES), z.literal("")], { error: "invalid_choice" }).transform((v) => (v === "" ? null : v)),
});

/** Whether the person's address may be in one network's export: a checkbox, absent when unticked. */
export const exportEmailSchema = z.object({
  slug: z.string().min(1).max(64),
  allow: z.literal("on", { error: "invalid_choice" }).optional(),
});

/** Turning email back on after an unsubscribe link: the link's token is the authority. */
export const undoUnsubscribeSchema = z.object({
  token: z.string().min(1).max(300),
  frequency: z.union([z.enum(EMAIL_FREQUENCIES), z.literal("")], { error: "invalid_choice" }).transform((v) => (v === "" ? null : v)),
});

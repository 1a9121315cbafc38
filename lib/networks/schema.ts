import { z } from "zod";
import { MARKDOWN_NESTING_MAX, markdownNesting } from "@/lib/markdown/nesting";
import { NAME_MAX, PRINCIPLES_MAX, PRINCIPLE_MAX, PURPOSE_MAX, QUESTION_MAX, REGION_MAX, SLUG_MAX } from "./limits";
export * from "./limits";

export const reservedSlugs = new Set(["new", "api", "admin", "settings", "signin", "invite", "dev", "funder"]);

const text = (max: number) =>
  z
    .string({ error: "required" })
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().min(1, "required").max(max, `too_long|${max}`));

export const slugSchema = z
  .string({ error: "required" })
  .transform((s) => s.trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(3, "too_short|3")
      .max(SLUG_MAX, `too_long|${SLUG_MAX}`)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "slug_format")
      .refine((s) => !reservedSlugs.has(s), "slug_reserved"),
  );

/** One principle per line; blank lines are ignored. */
export const principlesSchema = z
  .string({ error: "required" })
  .transform((s) =>
    s
      .normalize("NFC")
      .split(/\r?\n/)
      .map((line) => line.replace(/^\s*[-–•*]\s+/, "").trim())
      .filter((line) => line.length > 0),
  )
  .pipe(
    z
      .array(z.string().max(PRINCIPLE_MAX, `principle_too_long|${PRINCIPLE_MAX}`))
      .min(1, "required")
      .max(PRINCIPLES_MAX, `too_many|${PRINCIPLES_MAX}`),
  );

const settingsFields = {
  name: text(NAME_MAX),
  // Shown as plain text today; bounded like every Markdown field so it can become one (decision 027).
  purpose: text(PURPOSE_MAX).refine((s) => markdownNesting(s) <= MARKDOWN_NESTING_MAX, `too_deep|${MARKDOWN_NESTING_MAX}`),
  workingQuestion: text(QUESTION_MAX),
  principles: principlesSchema,
  visibility: z.enum(["public", "listed", "private"], { error: "invalid_choice" }),
  joinPolicy: z.enum(["open", "request", "invitation"], { error: "invalid_choice" }),
  locale: z.enum(["en", "nl"], { error: "invalid_choice" }),
  /** A checkbox: "on" when checked, absent when not. Visitors of a public network see thread titles. */
  showPublicThreadTitles: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  /** A checkbox: members (not only brokers) may propose gatherings, which a broker then plans. */
  membersProposeGatherings: z
    .string()
    .optional()
    .transform((v) => v === "on"),
};

export const createNetworkSchema = z.object({ slug: slugSchema, ...settingsFields });
export type CreateNetworkInput = z.output<typeof createNetworkSchema>;

export const updateNetworkSchema = z.object({
  slug: z.string().min(1),
  ...settingsFields,
  /** Where the network works ("Noord-Brabant"): anonymous commons items name only this (decision 043). Optional. */
  region: z
    .string()
    .default("")
    .transform((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
    .pipe(z.string().max(REGION_MAX, `too_long|${REGION_MAX}`)),
  /** A checkbox: readers of the network's commons items may ask its brokers a question (decision 045). */
  allowCommonsQuestions: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});
export type UpdateNetworkInput = z.output<typeof updateNetworkSchema>;

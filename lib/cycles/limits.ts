// Limits and choices of cycles, without zod: forms in the browser import these, and anything that
// imports schema.ts brings zod into the page's JavaScript (decision 023).
import { AREAS, BODY_MAX } from "@/lib/dialogue/limits";

export const CYCLE_TITLE_MAX = 200;
export const QUESTION_MAX = 1_000;
export const REFLECTION_MAX = BODY_MAX;
/** The four I prompts from the SIAC text ("ME and US"), in the order the form shows them. */
export const REFLECTION_PROMPTS = ["involvement", "autonomy", "ownership", "observations"] as const;
export const SYNTHESIS_MAX = 40_000;
/** How far ahead a deadline may be set: a cycle runs weeks or months, never years (issue 15). */
export const DEADLINE_MAX_DAYS = 366;
export const CONSENT_TEXT_MAX = 4_000;
export const HANDLED_NOTE_MAX = 4_000;
/** The three guided parts of the synthesis: headings of one Markdown text (decision 014). */
export const SYNTHESIS_PARTS = ["connects", "interest", "next"] as const;
export const CONSENT_CHOICES = ["agree", "concern", "object"] as const;
/** A checkbox of the citation picker is named `cite.<reflectionId>`: a form sends one value per name. */
export const CITE_PREFIX = "cite.";
/** A broker's note on one objection is named `handled.<answerId>`. */
export const HANDLED_PREFIX = "handled.";
export type Area = (typeof AREAS)[number];
export type ConsentChoice = (typeof CONSENT_CHOICES)[number];

export { AREAS };

// Limits and choices of dialogue, without zod: forms in the browser import these, and anything that
// imports schema.ts brings zod into the page's JavaScript (decision 023).

export const THREAD_TITLE_MAX = 200;
export const BODY_MAX = 20_000;
export const THREADS_PAGE_SIZE = 25;
/**
 * Replies a thread page shows at once (later ones by keyset, "later replies"). 25, as a thread
 * list's page and about what a forum shows first: at 50 the page's HTML was 142 kB and it served
 * under half the bare page's throughput (decision 054).
 */
export const REPLIES_PAGE_SIZE = 25;
export const MENTIONS_MAX = 20;
export const LEVELS = ["social_innovation", "network", "context"] as const;
export const AREAS = ["means", "objectives", "vision_values", "observations_facts"] as const;
export const REACTION_KINDS = ["agree", "heart", "insight", "question"] as const;
export type Level = (typeof LEVELS)[number];
export type Area = (typeof AREAS)[number];
export type ReactionKind = (typeof REACTION_KINDS)[number];

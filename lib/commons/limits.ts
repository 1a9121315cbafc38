// Limits and choices of the commons' public side, without zod: forms in the browser import these, and
// anything that imports schema.ts brings zod into the page's JavaScript (decision 023).

/** Items per page of the commons (keyset: by rank when searching, newest first otherwise). */
export const COMMONS_PAGE_SIZE = 20;
/** What the search box keeps of a query. */
export const COMMONS_QUERY_MAX = 200;
/** The region filter's text (a network's region is at most this long). */
export const REGION_MAX = 100;
/** Regions the filter offers at most (those with live items, alphabetically). */
export const REGIONS_MAX = 200;
/** A question to the source network (Markdown). */
export const QUESTION_MAX = 4_000;
/** RFC 5321's longest address. */
export const REPLY_EMAIL_MAX = 254;
/** Entries in each feed (newest first). */
export const FEED_SIZE = 50;
/** Questions a broker's list shows per page (newest first, keyset). */
export const QUESTIONS_PAGE_SIZE = 20;
/**
 * A pattern cell is shown only when at least this many distinct networks contribute to it (issue 21).
 * The trigger that keeps the cells says the same in SQL (migration 20261207201201_commons_patterns);
 * tests/integration/commons.test.ts holds the two together.
 */
export const PATTERN_MIN_NETWORKS = 3;
/** The excerpt of an item in the list, in characters. */
export const EXCERPT_MAX = 280;

export const COMMONS_KINDS = ["lesson", "synthesis", "milestone_outcome", "harvest", "support_entry"] as const;
export const LEVELS = ["social_innovation", "network", "context"] as const;
export const AREAS = ["means", "objectives", "vision_values", "observations_facts"] as const;
export const STAGES = ["idea", "pilot", "scaling", "system_change"] as const;
/** How a milestone ended, as the commons shows it (planned and active ones are not outcomes). */
export const OUTCOMES = ["reached", "learned", "dropped"] as const;

export type CommonsKindName = (typeof COMMONS_KINDS)[number];
export type LevelName = (typeof LEVELS)[number];
export type AreaName = (typeof AREAS)[number];
export type StageName = (typeof STAGES)[number];
export type OutcomeName = (typeof OUTCOMES)[number];
export type LicenceName = "cc_by_4_0" | "cc_by_sa_4_0" | "cc0_1_0";

/** Each licence's deed and its short name, as Creative Commons writes it (names are not translated). */
export const LICENCES: Record<LicenceName, { url: string; name: string }> = {
  cc_by_4_0: { url: "https://creativecommons.org/licenses/by/4.0/", name: "CC BY 4.0" },
  cc_by_sa_4_0: { url: "https://creativecommons.org/licenses/by-sa/4.0/", name: "CC BY-SA 4.0" },
  cc0_1_0: { url: "https://creativecommons.org/publicdomain/zero/1.0/", name: "CC0 1.0" },
};

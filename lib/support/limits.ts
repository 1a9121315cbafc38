// Limits and choices of the support map, without zod: forms in the browser import these, and anything that
// imports schema.ts brings zod into the page's JavaScript (decision 023).

export const PROVIDER_MAX = 200;
export const ENTRY_NAME_MAX = 200;
export const DESCRIPTION_MAX = 4_000;
export const ELIGIBILITY_MAX = 1_000;
export const REGION_MAX = 200;
export const LINK_MAX = 2_000;
/** RFC 5321's longest address. */
export const EMAIL_MAX = 254;
export const PHONE_MAX = 40;
export const REVIEW_NOTE_MAX = 1_000;
/** The text a filter searches for. */
export const QUERY_MAX = 100;

/** Entries of the map per page (keyset, by provider, name and id). 15, not 25: with the filter and the overview a page of 25 served under half the bare page's throughput (decision 054). */
export const MAP_PAGE_SIZE = 15;
/** Suggestions a broker's review queue shows at once (oldest first); the count says how many wait. */
export const QUEUE_MAX = 10;
/** A member's own suggestions shown on the map page (newest first). */
export const OWN_SUGGESTIONS_MAX = 10;
/** An entry nobody has checked for this long is flagged "may be out of date". */
export const STALE_AFTER_DAYS = 365;

export const FINANCIAL_KINDS = ["grant", "loan", "prize", "matched_crowdfunding"] as const;
export const NON_FINANCIAL_KINDS = ["coaching", "space", "legal", "network", "research"] as const;
export const SUPPORT_KINDS = [...FINANCIAL_KINDS, ...NON_FINANCIAL_KINDS] as const;
export const GROWTH_STAGES = ["idea", "pilot", "scaling", "system_change"] as const;
/** The map's "type" filter: money or everything else. */
export const SUPPORT_TYPES = ["financial", "non_financial"] as const;
export const REVIEW_DECISIONS = ["list", "decline"] as const;

export type SupportKindName = (typeof SUPPORT_KINDS)[number];
export type GrowthStageName = (typeof GROWTH_STAGES)[number];
export type SupportType = (typeof SUPPORT_TYPES)[number];

/** A form's checkbox per kind and per stage is named `kind.<kind>` / `stage.<stage>`. */
export const KIND_PREFIX = "kind.";
export const STAGE_PREFIX = "stage.";

// Limits and choices of sharing with the commons, without zod: forms in the browser import these, and
// anything that imports schema.ts brings zod into the page's JavaScript (decision 023).

export const COMMONS_KINDS = ["lesson", "synthesis", "milestone_outcome", "harvest", "support_entry"] as const;
export const ATTRIBUTIONS = ["names", "network", "anonymous"] as const;
export const LICENCES = ["cc_by_4_0", "cc_by_sa_4_0", "cc0_1_0"] as const;

export type CommonsKindName = (typeof COMMONS_KINDS)[number];
export type LicenceName = (typeof LICENCES)[number];

/** What a consenter may add: a note with an agreement, the reason of an objection. */
export const CONSENT_NOTE_MAX = 2_000;
/** Proposals the sharing page lists at once (newest first); the rest are older and closed. */
export const PROPOSALS_PAGE_SIZE = 50;
/** The longest text a proposal snapshots; longer sources are cut at publication size (never in practice). */
export const SNAPSHOT_TITLE_MAX = 300;
export const SNAPSHOT_BODY_MAX = 40_000;

/** Where each licence is described. */
export const LICENCE_URLS: Record<LicenceName, string> = {
  cc_by_4_0: "https://creativecommons.org/licenses/by/4.0/",
  cc_by_sa_4_0: "https://creativecommons.org/licenses/by-sa/4.0/",
  cc0_1_0: "https://creativecommons.org/publicdomain/zero/1.0/",
};

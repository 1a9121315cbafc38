// Limits and choices of moderation, without zod: forms in the browser import these, and anything that
// imports schema.ts brings zod into the page's JavaScript (decision 023).

export const REPORT_REASON_MAX = 1_000;
export const MODERATION_REASON_MAX = 1_000;
export const REPORTS_PAGE_SIZE = 50;
export const EXCERPT_MAX = 280;

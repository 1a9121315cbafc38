// Limits and choices of the read API and its tokens, without zod: the token form in the browser imports
// these, and anything that imports schema.ts brings zod into the page's JavaScript (decision 023).

/** What a token may read: one area of the network each (decision 047). */
export const API_SCOPES = ["threads", "cycles", "initiatives", "funding", "members", "gatherings", "exchange", "support"] as const;
export type ApiScopeName = (typeof API_SCOPES)[number];

export const TOKEN_NAME_MAX = 80;
/** The longest a token lives: a year. */
export const TOKEN_MAX_DAYS = 365;
/** A token nobody used for this long stops working (rotating it gives it a new start). */
export const TOKEN_IDLE_DAYS = 180;
/** The expiries the form offers, in days. */
export const TOKEN_EXPIRY_CHOICES = [30, 90, 180, 365] as const;
/** Tokens a network may hold that still work (made, not revoked, not expired). */
export const TOKENS_PER_NETWORK_MAX = 25;

/** Items per page when `limit` is not given, and the most a page may hold. */
export const PAGE_DEFAULT = 25;
export const PAGE_MAX = 100;

// Limits and choices of membership, without zod: forms in the browser import these, and anything that
// imports schema.ts brings zod into the page's JavaScript (decision 023).

export const REQUEST_MESSAGE_MAX = 1_000;
export const INVITATION_NOTE_MAX = 200;
/** An address an invitation is sent to (RFC 5321's limit for a path). */
export const INVITATION_EMAIL_MAX = 254;
/** A broker's note to the person whose request they decline. */
export const DECLINE_NOTE_MAX = 1_000;

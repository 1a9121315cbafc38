// Limits and choices of membership, without zod: forms in the browser import these, and anything that
// imports schema.ts brings zod into the page's JavaScript (decision 023).

export const REQUEST_MESSAGE_MAX = 1_000;
export const INVITATION_NOTE_MAX = 200;
/** A broker's note to the person whose request they decline. */
export const DECLINE_NOTE_MAX = 1_000;

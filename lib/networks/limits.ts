// Limits and choices of networks, without zod: forms in the browser import these, and anything that
// imports schema.ts brings zod into the page's JavaScript (decision 023).

/** Field messages are codes (`code` or `code|limit`), translated by the form under `validation`. */
export const SLUG_MAX = 48;
export const NAME_MAX = 80;
export const PURPOSE_MAX = 2_000;
export const QUESTION_MAX = 500;
export const PRINCIPLE_MAX = 300;
export const PRINCIPLES_MAX = 20;
/** A network's region, as anonymous commons items name it ("a network in Noord-Brabant"); equal to the commons filter's bound. */
export const REGION_MAX = 100;

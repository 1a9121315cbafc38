// Limits and choices of accounts, without zod: forms in the browser import these, and anything that
// imports schema.ts brings zod into the page's JavaScript (decision 023).

export const PROFILE_NAME_MAX = 80;
export const PROFILE_BIO_MAX = 500;

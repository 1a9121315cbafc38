// Limits of the exchange's private conversations, without zod: forms in the browser import these, and
// anything that imports schema.ts brings zod into the page's JavaScript (decision 023).

/** One message (Markdown), the first one included. */
export const MESSAGE_MAX = 4_000;
/** Messages a conversation page shows at once, the latest; earlier ones are paged by keyset. 30, not 50: a page of 50 served under half the bare page's throughput (decision 054). */
export const MESSAGES_PAGE_SIZE = 30;
/** Conversations per page of "my conversations" (keyset on the latest message). */
export const CONVERSATIONS_PAGE_SIZE = 20;
/** Conversations the author of a post sees listed on it, the most recent first. */
export const POST_CONVERSATIONS_MAX = 50;

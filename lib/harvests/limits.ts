// Limits and field names of harvests, without zod: the editor in the browser imports these, and
// anything that imports schema.ts brings zod into the page's JavaScript (decision 023).
/** Each of the three Markdown parts (what happened, agreements, next steps). */
export const HARVEST_TEXT_MAX = 20_000;
/** One insight: a sentence or a short paragraph, plain text. */
export const INSIGHT_MAX = 2_000;
/** Insights per harvest; the editor offers this many rows at most. */
export const INSIGHTS_MAX = 20;
/** Threads and milestones one harvest may link to (each). */
export const HARVEST_LINKS_MAX = 50;
/** An insight's fields are named `insight.<n>.body|level|area`, n from 0. */
export const INSIGHT_PREFIX = "insight.";
/** A thread checkbox of the editor is named `thread.<threadId>`, a milestone's `milestone.<milestoneId>`. */
export const THREAD_PREFIX = "thread.";
export const MILESTONE_PREFIX = "milestone.";

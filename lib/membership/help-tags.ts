// "I can help with" (decision 041): the tags a membership stores, normalised like the exchange's tags.
// Pure functions without zod, so a form in the browser can show the same limits (decision 023).

/** One tag at most this long, once normalised. */
const TAG_LENGTH_MAX = 40;
/** "I can help with": at most this many tags per membership. */
export const HELP_TAGS_MAX = 12;
/** The typed list of help tags, before it is split (bounds the work of parsing it). */
export const HELP_TAGS_INPUT_MAX = 1_000;

/**
 * A tag as stored: lower case, accents dropped (é → e), ASCII letters and digits, single hyphens
 * between words ("Open  Source" → "open-source"). "" when nothing of it is left.
 */
export function normaliseTag(raw: string): string {
  return raw
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .trim()
    .replace(/[\s_]+/g, "-")
    .replace(/[^a-z0-9-]/g, "")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "");
}

/** Why a typed list of tags cannot be stored, as a field message code; null when it can. */
export type TagListProblem = `tag_invalid` | `tag_too_long|${number}` | `too_many|${number}`;

/**
 * A typed list of tags (commas, semicolons or new lines between them), normalised and without
 * repeats, in the order typed. A piece with nothing a tag can hold (only punctuation, or a script
 * without ASCII letters) is refused rather than silently dropped, so nothing typed is lost.
 */
export function parseTagList(typed: string, max: number): { tags: string[] } | { problem: TagListProblem } {
  const tags: string[] = [];
  for (const piece of typed.split(/[,;\n\r]+/)) {
    if (piece.trim() === "") continue;
    const tag = normaliseTag(piece);
    if (tag === "") return { problem: "tag_invalid" };
    if (tag.length > TAG_LENGTH_MAX) return { problem: `tag_too_long|${TAG_LENGTH_MAX}` };
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > max) return { problem: `too_many|${max}` };
  return { tags };
}

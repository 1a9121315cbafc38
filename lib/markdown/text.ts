import { renderMarkdown, UNRENDERABLE_HTML } from "./render";

/**
 * Plain text from Markdown, for the places that show a text short and flat rather than in full:
 * the moderation queue's excerpts, search snippets, a network card's purpose (decision 033).
 *
 * The text is taken from the HTML the sanitising renderer made (stored in `bodyHtml` or rendered
 * now), never from the Markdown: what a reader sees as words is exactly what the page would show,
 * with no `**`, `](…)` or `#`, and raw HTML in the source never reaches it (the renderer drops it).
 * The result is text for React to escape, never HTML.
 *
 * The patterns below are shared with the search statement (lib/search/queries.ts), which does the
 * same in SQL over the stored column, so snippets and excerpts read the same.
 */

/** A tag that ends a block: replaced by a space, so "<li>a</li><li>b</li>" reads "a b", not "ab". */
export const BLOCK_TAG_PATTERN =
  '</?(p|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|table|thead|tbody|tr|td|th|br|hr|div|section)([[:space:]]("[^"]*"|[^>"])*)?/?>';
/**
 * Any other tag: removed. The renderer's output is well-formed and quotes every attribute with `"`
 * (a `>` may stand inside one, as in title="a>b"), and text holds no raw `<` (it is `&#x3C;`).
 */
export const ANY_TAG_PATTERN = '<("[^"]*"|[^>"])*>';

/** The chrome GFM footnotes add (a hidden "Footnotes" heading, back-reference arrows): not words of the text. */
export const FOOTNOTE_CHROME_PATTERN = '<h2 class="sr-only"[^>]*>[^<]*</h2>|<a href="#user-content-fnref-[^"]*">[^<]*</a>';

/** The references the renderer writes (hast-util-to-html: `<` and `&` in text, `"` and `&` in attributes). */
const REFERENCES: Record<string, string> = { "3c": "<", "3e": ">", "22": '"', "27": "'", "26": "&" };

/** POSIX `[[:space:]]` for JavaScript (PostgreSQL takes the pattern as written). */
function jsPattern(pattern: string): string {
  return pattern.replaceAll("[[:space:]]", "\\s");
}
const blockTag = new RegExp(jsPattern(BLOCK_TAG_PATTERN), "gi");
const anyTag = new RegExp(jsPattern(ANY_TAG_PATTERN), "g");
const reference = /&#x(3C|3E|22|27|26);/gi;
const footnoteChrome = new RegExp(FOOTNOTE_CHROME_PATTERN, "g");

/**
 * The words of HTML made by `renderMarkdown`, whitespace collapsed. UNRENDERABLE_HTML has none (""):
 * callers that must still show something use `plainText`.
 */
export function htmlText(html: string): string {
  if (html === UNRENDERABLE_HTML) return "";
  return html
    .replace(footnoteChrome, "")
    .replace(blockTag, " ")
    .replace(anyTag, "")
    .replace(reference, (ref, hex: string) => REFERENCES[hex.toLowerCase()] ?? ref)
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The plain text of a Markdown text, from its stored HTML when there is one. A text the renderer
 * refused (decision 027) falls back to its source with anything tag-like removed and whitespace
 * collapsed: still only text, shown escaped, so a moderator sees what was written.
 */
export function plainText(source: string, storedHtml?: string | null): string {
  const html = storedHtml ?? renderMarkdown(source);
  if (html !== UNRENDERABLE_HTML) return htmlText(html);
  return source.replace(/<[^>]*>?/g, " ").replace(/\s+/g, " ").trim();
}

/** At most `max` characters of a plain text, cut at a word where one is near, with "…" when cut. */
export function excerptOf(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A short plain excerpt of a Markdown text (its stored HTML when there is one). */
export function plainExcerpt(source: string, max: number, storedHtml?: string | null): string {
  return excerptOf(plainText(source, storedHtml), max);
}

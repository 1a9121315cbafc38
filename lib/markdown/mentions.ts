import { ANY_TAG_PATTERN } from "./text";

/**
 * Mentions in rendered Markdown (decision 033). A reply's mentions are kept in the Mention table
 * when it is written (lib/dialogue/mutations.ts: an active member whose `@Name` is in the text,
 * followed by neither a letter nor a digit); the stored HTML does not know them, since it is a
 * function of the text alone. When a page shows the reply, `markMentions` wraps each `@Name` of
 * those members in `<span class="mention">`. Any other `@name` stays plain text, as do names inside
 * code, code blocks and links. There is no member profile page to link to yet; when there is, this
 * is the one place that makes the span a link.
 */

/** The HTML text of a name, as the renderer escapes text (hast-util-to-html: `&` and `<`). */
function escapeText(text: string): string {
  return text.replaceAll("&", "&#x26;").replaceAll("<", "&#x3C;");
}

/** For the span's content: the same escaping, plus `>` and `"` for good measure. */
function escapeHtml(text: string): string {
  return escapeText(text).replaceAll(">", "&#x3E;").replaceAll('"', "&#x22;");
}

const tagSplit = new RegExp(`(${ANY_TAG_PATTERN.replaceAll("(", "(?:")})`, "g");
const openOrClose = /^<(\/?)(code|pre|a)\b/i;
const letterOrDigit = /^[\p{L}\p{N}]/u;

/** Wraps every `@Name` of `names` (mentioned members) in a mention span, outside code and links. */
export function markMentions(html: string, names: readonly (string | null)[]): string {
  const tags = [...new Set(names.filter((n): n is string => !!n && n.trim() !== ""))]
    // Longer names first, so "@Ann Lee" is not taken as "@Ann" followed by " Lee".
    .sort((a, b) => b.length - a.length)
    .map((name) => ({ html: `@${escapeText(name)}`, shown: `@${escapeHtml(name)}` }));
  if (tags.length === 0 || !html.includes("@")) return html;
  let inside = 0;
  return html
    .split(tagSplit)
    .map((part) => {
      if (part.startsWith("<")) {
        const m = openOrClose.exec(part);
        if (m) inside = Math.max(0, inside + (m[1] ? -1 : 1));
        return part;
      }
      if (inside > 0 || !part.includes("@")) return part;
      let out = "";
      let i = 0;
      while (i < part.length) {
        const at = part.indexOf("@", i);
        if (at === -1) break;
        const tag = tags.find((t) => part.startsWith(t.html, at) && !letterOrDigit.test(part.slice(at + t.html.length)));
        if (tag) {
          out += `${part.slice(i, at)}<span class="mention">${tag.shown}</span>`;
          i = at + tag.html.length;
        } else {
          out += part.slice(i, at + 1);
          i = at + 1;
        }
      }
      return out + part.slice(i);
    })
    .join("");
}

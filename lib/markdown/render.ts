import rehypeExternalLinks from "rehype-external-links";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { markdownNesting } from "./nesting";

/**
 * GitHub's sanitising schema, narrowed: no images (no tracking pixels, no remote
 * loads), no inputs (task-list checkboxes render as text), links only to http(s)
 * and mailto. Raw HTML in the Markdown never reaches the tree at all: remark-rehype
 * drops it, and the sanitiser removes anything else not on the list.
 *
 * Posts store the HTML this makes when they are written (`bodyHtml`). A change to
 * this file that changes the output must ship a migration that sets those columns
 * to NULL, so start-up renders every post again (see decision 014).
 */
const schema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => !["img", "picture", "source", "input"].includes(t)),
  protocols: { href: ["http", "https", "mailto"] },
  attributes: {
    ...defaultSchema.attributes,
    a: ["href", "title"],
  },
};

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize, schema)
  // External links (absolute http(s) and `//host`) get rel; no target, so no new windows.
  .use(rehypeExternalLinks, { rel: ["nofollow", "ugc", "noopener"] })
  .use(rehypeStringify)
  .freeze();

/**
 * Recently rendered texts. Rendering is a pure function of the text, and pages that render at
 * request time (syntheses on the funder dashboard and the cycle page, reflections, initiatives)
 * show the same few texts to everyone, so each is parsed once per process rather than per view.
 * A cache only: bounded, per process, and nothing is lost when it is empty.
 */
const CACHE_ENTRIES = 500;
/** Texts longer than this are rendered every time (rare, and they would crowd the cache). */
const CACHE_MAX_LENGTH = 20_000;
const cache = new Map<string, string>();

/**
 * What `renderMarkdown` gives for a text it cannot render: an empty, attribute-marked paragraph,
 * stored like any rendered text and shown as a translated notice by `shownHtml` (decision 027).
 * It never changes: rows written with it are found by it.
 */
export const UNRENDERABLE_HTML = '<p data-unrenderable=""></p>';

/**
 * Deeper than this, a text is not handed to the renderer at all (decision 027). The renderer's
 * stack overflowed at about 1,500 nested block quotes, 1,080 nested lists and 740 nested `> -`
 * pairs in a plain Node process (less inside a deep React render), and got slow well before;
 * fields refuse anything deeper than MARKDOWN_NESTING_MAX (20) when it is written, so only rows
 * written before that bound come near this one.
 */
export const RENDER_NESTING_MAX = 100;

/**
 * Markdown as sanitised HTML: safe to put on a page. Never throws: a text nested deeper than
 * RENDER_NESTING_MAX, or one the renderer fails on for any reason, gives UNRENDERABLE_HTML,
 * so one bad text is a notice where it stands and never a page that answers 500.
 */
export function renderMarkdown(source: string): string {
  const hit = cache.get(source);
  if (hit !== undefined) {
    // Most recently used last, so the oldest is the first to go.
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  let html: string;
  try {
    html = markdownNesting(source, RENDER_NESTING_MAX) > RENDER_NESTING_MAX ? UNRENDERABLE_HTML : String(processor.processSync(source));
  } catch {
    // A stack overflow (RangeError) or anything else the renderer throws: this text only.
    html = UNRENDERABLE_HTML;
  }
  if (source.length <= CACHE_MAX_LENGTH) {
    cache.set(source, html);
    if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  }
  return html;
}

/**
 * Stored or rendered HTML as a page shows it: UNRENDERABLE_HTML becomes `notice` (the viewer's
 * translation of "This text could not be displayed"), escaped, in a paragraph marked as a note.
 */
export function shownHtml(html: string, notice: string): string {
  if (html !== UNRENDERABLE_HTML) return html;
  const text = notice.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<p role="note" class="unrenderable">${text}</p>`;
}

/** A text's stored HTML (rendered when it was written), or, for a row that has none yet, rendered now. */
export function htmlOf(stored: string | null | undefined, source: string): string {
  return stored ?? renderMarkdown(source);
}

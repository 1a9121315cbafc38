import rehypeExternalLinks from "rehype-external-links";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

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

/** Markdown as sanitised HTML: safe to put on a page. */
export function renderMarkdown(source: string): string {
  return String(processor.processSync(source));
}

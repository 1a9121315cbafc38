import { renderMarkdown } from "@/lib/markdown/render";

/**
 * Sanitised Markdown on a page. Pass `html` when the text was rendered when it was
 * written (posts keep it in `bodyHtml`, made by `renderMarkdown`), or `source` to
 * render here. The `prose-kring` styles live in app/globals.css.
 */
export function Markdown({ lang, ...text }: { lang?: string } & ({ html: string } | { source: string })) {
  const html = "html" in text ? text.html : renderMarkdown(text.source);
  return <div className="prose-kring" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
}

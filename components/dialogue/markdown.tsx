import { useTranslations } from "next-intl";
import { renderMarkdown, shownHtml } from "@/lib/markdown/render";

/**
 * Sanitised Markdown on a page. Pass `html` when the text was rendered when it was
 * written (posts keep it in `bodyHtml`, reflections, syntheses and updates in theirs, made by
 * `renderMarkdown`), or `source` to render here. A text that could not be rendered shows as a
 * translated notice, for that text only (decision 027). The `prose-kring` styles live in app/globals.css.
 */
export function Markdown({ lang, ...text }: { lang?: string } & ({ html: string } | { source: string })) {
  const t = useTranslations("markdown");
  const html = "html" in text ? text.html : renderMarkdown(text.source);
  return <div className="prose-kring" lang={lang} dangerouslySetInnerHTML={{ __html: shownHtml(html, t("unrenderable")) }} />;
}

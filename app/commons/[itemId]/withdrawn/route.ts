import { createTranslator } from "next-intl";
import { findCommonsItem } from "@/lib/commons/queries";
import { resolveLocale } from "@/lib/i18n/locale";
import { loadMessages } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ itemId: string }> };

function escape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/**
 * A withdrawn commons item's notice, with HTTP 410 Gone (decision 045). The proxy sends a withdrawn
 * item's address (`/commons/<id>`) here, because a Next page cannot answer 410. Nothing of the item
 * is told, not even its title. Anything but a withdrawn item is a 404 here.
 */
export async function GET(_request: Request, { params }: Params) {
  const { itemId: id } = await params;
  const found = await findCommonsItem(id);
  if (found?.state !== "withdrawn") {
    return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  const locale = await resolveLocale();
  const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: "commons" });
  const html = `<!doctype html>
<html lang="${escape(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escape(t("withdrawnTitle"))}</title></head>
<body>
<main>
<h1>${escape(t("withdrawnTitle"))}</h1>
<p>${escape(t("withdrawnText"))}</p>
<p><a href="/commons">${escape(t("back"))}</a></p>
</main>
</body>
</html>
`;
  return new Response(html, { status: 410, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

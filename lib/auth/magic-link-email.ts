import { createTranslator } from "next-intl";
import type { AppLocale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The sign-in email, in the language the person was using when they asked for it. */
export async function magicLinkEmail(to: string, url: string, locale: AppLocale) {
  const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: "auth.email" });
  const host = new URL(url).host;
  const subject = t("subject", { host });
  const text = `${t("intro")}\n\n${url}\n\n${t("expiry")}\n${t("ignore")}\n`;
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;color:#1f2937">
<p>${escapeHtml(t("intro"))}</p>
<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 16px;background:#0f766e;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(t("button"))}</a></p>
<p>${escapeHtml(t("expiry"))}</p>
<p style="color:#6b7280">${escapeHtml(t("ignore"))}</p>
</body></html>`;
  return { to, subject, text, html };
}

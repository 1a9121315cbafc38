import { createTranslator } from "next-intl";
import type { AppLocale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The reminder email of a reflection cycle, in the recipient's language. It carries
 * the cycle's question and deadline and a link, never anyone's reflection. The deadline
 * is given in UTC: a person's time zone is known to their browser, not to the server.
 */
export async function reminderEmail(input: {
  to: string;
  locale: AppLocale;
  network: string;
  question: string;
  deadline: Date;
  url: string;
}) {
  const t = createTranslator({ locale: input.locale, messages: await loadMessages(input.locale), namespace: "cycles.reminderEmail" });
  const deadline = new Intl.DateTimeFormat(input.locale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(input.deadline);
  const subject = t("subject", { network: input.network });
  const intro = t("intro", { network: input.network, deadline });
  const text = `${intro}\n\n${t("question")}\n${input.question}\n\n${input.url}\n\n${t("why")}\n`;
  const html = `<!doctype html><html lang="${input.locale}"><body style="font-family:system-ui,sans-serif;color:#1f2937">
<p>${escapeHtml(intro)}</p>
<p><strong>${escapeHtml(t("question"))}</strong><br>${escapeHtml(input.question)}</p>
<p><a href="${escapeHtml(input.url)}" style="display:inline-block;padding:10px 16px;background:#0f766e;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(t("button"))}</a></p>
<p style="color:#6b7280">${escapeHtml(t("why"))}</p>
</body></html>`;
  return { to: input.to, subject, text, html };
}

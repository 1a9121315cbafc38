import { render, toPlainText } from "@react-email/components";
import { createTranslator } from "next-intl";
import { SignInMail } from "@/components/email/sign-in-mail";
import type { AppLocale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";

/**
 * The sign-in email, in the language the person was using when they asked for it. Security
 * mail: it ignores email preferences and carries no List-Unsubscribe.
 */
export async function magicLinkEmail(to: string, url: string, locale: AppLocale) {
  const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: "auth.email" });
  const text = { subject: t("subject", { host: new URL(url).host }), intro: t("intro"), button: t("button"), expiry: t("expiry"), ignore: t("ignore") };
  const element = <SignInMail lang={locale} url={url} text={text} />;
  const html = await render(element);
  return { to, subject: text.subject, text: toPlainText(html), html, headers: { "Auto-Submitted": "auto-generated" } };
}

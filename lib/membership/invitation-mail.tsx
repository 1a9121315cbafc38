import { render, toPlainText } from "@react-email/components";
import { createTranslator } from "next-intl";
import { InvitationMail } from "@/components/email/invitation-mail";
import type { Role } from "@/lib/db/generated/enums";
import type { AppLocale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";

/**
 * The mail that carries an invitation to the address a broker typed, in the language of the
 * account with that address, else the network's. `url` is built on the public address (emailLink).
 */
export async function invitationEmail(input: {
  to: string;
  url: string;
  locale: AppLocale;
  network: string;
  inviter: string | null;
  role: Role;
  expiresInDays: number;
}) {
  const t = createTranslator({ locale: input.locale, messages: await loadMessages(input.locale), namespace: "invitations.mail" });
  const values = { network: input.network, inviter: input.inviter ?? "", role: input.role, days: input.expiresInDays };
  const text = {
    subject: t("subject", values),
    intro: input.inviter ? t("intro", values) : t("introNoName", values),
    button: t("button"),
    expiry: t("expiry", values),
    why: t("why", values),
  };
  const html = await render(<InvitationMail lang={input.locale} url={input.url} text={text} />);
  return { to: input.to, subject: text.subject, text: toPlainText(html), html, headers: { "Auto-Submitted": "auto-generated" } };
}

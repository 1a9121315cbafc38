import { Text } from "@react-email/components";
import { MailButton, MailLayout, paragraph } from "./layout";

export type InvitationMailText = { subject: string; intro: string; button: string; expiry: string; why: string };

/**
 * An invitation a broker sent to an address: the broker's own act, so no notification
 * preference applies and there is nothing to unsubscribe from; the footer says how to ignore it.
 */
export function InvitationMail({ lang, url, text }: { lang: string; url: string; text: InvitationMailText }) {
  return (
    <MailLayout lang={lang} preview={text.intro} heading={text.subject} footer={{ why: text.why }}>
      <Text style={paragraph}>{text.intro}</Text>
      <Text style={paragraph}>
        <MailButton href={url}>{text.button}</MailButton>
      </Text>
      <Text style={paragraph}>{text.expiry}</Text>
    </MailLayout>
  );
}

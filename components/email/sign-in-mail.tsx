import { Text } from "@react-email/components";
import { MailButton, MailLayout, paragraph } from "./layout";

export type SignInMailText = { subject: string; intro: string; button: string; expiry: string; ignore: string };

/** The sign-in link: security mail, so no unsubscribe and no preference applies. */
export function SignInMail({ lang, url, text }: { lang: string; url: string; text: SignInMailText }) {
  return (
    <MailLayout lang={lang} preview={text.intro} heading={text.subject} footer={{ why: text.ignore }}>
      <Text style={paragraph}>{text.intro}</Text>
      <Text style={paragraph}>
        <MailButton href={url}>{text.button}</MailButton>
      </Text>
      <Text style={paragraph}>{text.expiry}</Text>
    </MailLayout>
  );
}

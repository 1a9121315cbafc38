import { Heading, Link, Section, Text } from "@react-email/components";
import { MailButton, MailLayout, mailColors, paragraph, type MailFooter } from "./layout";

/** A group as the mail shows it, already in the recipient's words. */
export type WordedGroup = {
  heading: string;
  href: string;
  linkLabel: string;
  lines: { text: string; when: string; href: string }[];
  more: string | null;
};

/**
 * A digest or an immediate notification mail: one section per thread, cycle or initiative, each
 * with a real heading, its newest items first and a link that says where it goes. Only titles,
 * names and what happened: never the text of a post or a reflection.
 */
export function NotificationMail({
  lang,
  heading,
  intro,
  groups,
  more,
  centre,
  footer,
}: {
  lang: string;
  heading: string;
  intro: string;
  groups: WordedGroup[];
  more: string | null;
  centre: { href: string; label: string };
  footer: MailFooter;
}) {
  return (
    <MailLayout lang={lang} preview={intro} heading={heading} footer={footer}>
      <Text style={paragraph}>{intro}</Text>
      {groups.map((group) => (
        <Section key={group.href} style={{ margin: "0 0 16px" }}>
          <Heading as="h2" style={{ fontSize: "17px", lineHeight: "24px", margin: "16px 0 8px" }}>
            {group.heading}
          </Heading>
          {group.lines.map((line) => (
            <Text key={line.href + line.text} style={{ ...paragraph, margin: "0 0 6px" }}>
              <Link href={line.href} style={{ color: mailColors.accent, textDecoration: "underline" }}>
                {line.text}
              </Link>
              <span style={{ color: mailColors.muted }}> · {line.when}</span>
            </Text>
          ))}
          {group.more ? <Text style={{ ...paragraph, color: mailColors.muted }}>{group.more}</Text> : null}
          <Text style={{ ...paragraph, margin: "4px 0 0" }}>
            <Link href={group.href} style={{ color: mailColors.accent, textDecoration: "underline" }}>
              {group.linkLabel}
            </Link>
          </Text>
        </Section>
      ))}
      {more ? <Text style={{ ...paragraph, color: mailColors.muted }}>{more}</Text> : null}
      <Text style={paragraph}>
        <MailButton href={centre.href}>{centre.label}</MailButton>
      </Text>
    </MailLayout>
  );
}

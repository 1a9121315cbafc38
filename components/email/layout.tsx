import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

/** The colours of the app (app/globals.css), written out: mail clients know no CSS variables. */
export const mailColors = { ink: "#1f2937", muted: "#4b5563", accent: "#0f766e", line: "#e5e7eb", paper: "#ffffff" };

export type MailFooter = {
  /** Why this mail came: "You get this because ...". */
  why: string;
  /** The unsubscribe link and its text; absent on sign-in and security mail. */
  unsubscribe?: { href: string; label: string };
  settings?: { href: string; label: string };
};

/**
 * Every Kring mail: one real heading, text that reads without images or styles, and a footer
 * that says why it came and how to change that. Rendered to HTML and plain text by React Email.
 */
export function MailLayout({
  lang,
  preview,
  heading,
  children,
  footer,
}: {
  lang: string;
  preview: string;
  heading: string;
  children: ReactNode;
  footer: MailFooter;
}) {
  return (
    <Html lang={lang} dir="ltr">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f6f5f2", color: mailColors.ink, fontFamily: "system-ui, -apple-system, 'Segoe UI', sans-serif" }}>
        <Container style={{ backgroundColor: mailColors.paper, padding: "24px", maxWidth: "600px", borderRadius: "8px" }}>
          <Heading as="h1" style={{ fontSize: "22px", lineHeight: "28px", margin: "0 0 16px" }}>
            {heading}
          </Heading>
          {children}
          <Hr style={{ borderColor: mailColors.line, margin: "24px 0 12px" }} />
          <Section>
            <Text style={{ color: mailColors.muted, fontSize: "13px", lineHeight: "20px", margin: "0 0 8px" }}>{footer.why}</Text>
            {footer.unsubscribe || footer.settings ? (
              <Text style={{ color: mailColors.muted, fontSize: "13px", lineHeight: "20px", margin: 0 }}>
                {footer.unsubscribe ? (
                  <Link href={footer.unsubscribe.href} style={{ color: mailColors.accent, textDecoration: "underline" }}>
                    {footer.unsubscribe.label}
                  </Link>
                ) : null}
                {footer.unsubscribe && footer.settings ? " · " : null}
                {footer.settings ? (
                  <Link href={footer.settings.href} style={{ color: mailColors.accent, textDecoration: "underline" }}>
                    {footer.settings.label}
                  </Link>
                ) : null}
              </Text>
            ) : null}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

/** A link that looks like a button and still reads as a link (its text says where it goes). */
export function MailButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      style={{
        display: "inline-block",
        padding: "10px 16px",
        backgroundColor: mailColors.accent,
        color: "#ffffff",
        borderRadius: "6px",
        textDecoration: "none",
        fontWeight: 600,
      }}
    >
      {children}
    </Link>
  );
}

export const paragraph = { fontSize: "15px", lineHeight: "22px", margin: "0 0 12px" } as const;

import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

/** One message as the queue hands it to the server. */
export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
};

/** What the server said: accepted; a temporary failure (try again later); refused for good. */
export type SendOutcome = { outcome: "sent" | "retry" | "refused"; response: string };

let transporter: nodemailer.Transporter | undefined;
let transporterUrl: string | undefined;

/** A few seconds per step: a hanging server delays one batch, not the sweep behind it. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/**
 * Hands one mail to the SMTP server at SMTP_URL. Never throws: the worker records what happened.
 * A 5xx answer is permanent (the address is refused); a 4xx answer, a timeout or a refused
 * connection is temporary.
 */
export async function smtpSend(mail: OutgoingMail): Promise<SendOutcome> {
  const e = env();
  if (!e.SMTP_URL) return { outcome: "retry", response: "No SMTP_URL configured" };
  if (!transporter || transporterUrl !== e.SMTP_URL) {
    transporter = nodemailer.createTransport(`${e.SMTP_URL}`, TIMEOUTS);
    transporterUrl = e.SMTP_URL;
  }
  // Nodemailer writes the threading headers from its own options, and drops them from `headers`.
  const { "In-Reply-To": inReplyTo, References: references, ...headers } = mail.headers;
  try {
    const info = await transporter.sendMail({
      from: e.EMAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${mail.messageId}>`,
      inReplyTo,
      references,
      headers,
    });
    if (info.rejected.length > 0) return { outcome: "refused", response: String(info.response ?? "rejected") };
    return { outcome: "sent", response: String(info.response ?? "") };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const response = String((error as { response?: string }).response ?? (error as Error).message ?? error).slice(0, 500);
    return { outcome: code !== undefined && code >= 500 && code < 600 ? "refused" : "retry", response };
  }
}

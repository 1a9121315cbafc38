import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";
import { recordOutboxEmail } from "./mutations";

export type Mail = { to: string; subject: string; text: string; html: string };

let transporter: nodemailer.Transporter | undefined;

/**
 * Sends over SMTP when SMTP_URL is set; otherwise, outside production, stores the
 * message in the outbox table that /dev/outbox shows. Production without SMTP
 * fails at start (lib/env.ts), so mail is never silently dropped.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const e = env();
  if (e.SMTP_URL) {
    transporter ??= nodemailer.createTransport(e.SMTP_URL);
    const info = await transporter.sendMail({ from: e.EMAIL_FROM, ...mail });
    if (info.rejected.length > 0) throw new Error("The mail server refused the message");
    return;
  }
  if (!e.outboxEnabled) throw new Error("No SMTP_URL configured");
  await recordOutboxEmail(mail);
}

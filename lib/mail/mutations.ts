import "server-only";
import { db } from "@/lib/db/client";

export async function recordOutboxEmail(mail: { to: string; subject: string; text: string; html: string }) {
  await db().outboxEmail.create({ data: mail });
}

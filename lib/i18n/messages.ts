import type { AppLocale } from "./config";
import en from "./messages/en.json";

export type Messages = typeof en;

export async function loadMessages(locale: AppLocale): Promise<Messages> {
  if (locale === "nl") return (await import("./messages/nl.json")).default as Messages;
  return en;
}

import "server-only";
import { db } from "@/lib/db/client";
import type { AppLocale } from "@/lib/i18n/config";
import type { ProfileInput } from "./schema";

export async function updateProfile(userId: string, input: ProfileInput) {
  await db().user.update({ where: { id: userId }, data: input });
}

export async function setLocale(userId: string, locale: AppLocale) {
  await db().user.update({ where: { id: userId }, data: { locale } });
}

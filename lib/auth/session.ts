import "server-only";
import { cache } from "react";
import { auth } from "./config";
import { AppError } from "@/lib/errors";

export type Viewer = {
  id: string;
  name: string | null;
  /**
   * The profile's language (null: none chosen) when the session carried it, as it does under
   * Auth.js; undefined when it did not (test doubles), and then lib/i18n/locale.ts asks.
   */
  locale?: string | null;
};

/**
 * The signed-in person, once per request; null for a visitor. The session carries only the
 * id, name and language (lib/auth/config.ts `sessionPayload`); the address is read where needed.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const user = session?.user;
  if (!user?.id) return null;
  const locale = (user as { locale?: unknown }).locale;
  return {
    id: user.id,
    name: user.name ?? null,
    ...(typeof locale === "string" || locale === null ? { locale } : {}),
  };
});

/** For actions: the signed-in person, or an `unauthenticated` error. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthenticated");
  return viewer;
}

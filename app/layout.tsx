import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { TimeZoneSync } from "@/components/layout/time-zone-sync";
import { Announcer } from "@/components/ui/announcer";
import { getViewer } from "@/lib/auth/session";
import { pickNamespaces, ROOT_CLIENT_NAMESPACES } from "@/lib/i18n/client-namespaces";
import type { Messages } from "@/lib/i18n/messages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: { default: "Kring", template: "%s · Kring" }, description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0d6b61" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("layout");
  const viewer = await getViewer();
  // Only what the header's client components use; pages add theirs with <ClientMessages> (decision 024).
  const messages = pickNamespaces((await getMessages()) as Messages, ROOT_CLIENT_NAMESPACES);
  return (
    <html lang={locale}>
      <body className="bg-paper font-sans text-ink antialiased">
        <NextIntlClientProvider messages={messages}>
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2"
          >
            {t("skip")}
          </a>
          <SiteHeader />
          {viewer && !viewer.name ? (
            <p className="mx-auto mt-4 w-full max-w-5xl px-4 sm:px-6">
              <span className="block rounded-md bg-accent-soft px-3 py-2 text-accent-strong">
                {t("addName")} <Link href="/profile">{t("addNameLink")}</Link>
              </span>
            </p>
          ) : null}
          <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6">
            {children}
          </main>
          <footer className="mx-auto w-full max-w-5xl px-4 pb-10 pt-4 text-sm text-muted sm:px-6">{t("footer")}</footer>
          <TimeZoneSync />
          <Announcer />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

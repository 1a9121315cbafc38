import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { TimeZoneSync } from "@/components/layout/time-zone-sync";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: { default: "Kring", template: "%s · Kring" }, description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0d6b61" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("layout");
  return (
    <html lang={locale}>
      <body className="bg-paper font-sans text-ink antialiased">
        <NextIntlClientProvider>
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2"
          >
            {t("skip")}
          </a>
          <SiteHeader />
          <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6">
            {children}
          </main>
          <footer className="mx-auto w-full max-w-5xl px-4 pb-10 pt-4 text-sm text-muted sm:px-6">{t("footer")}</footer>
          <TimeZoneSync />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

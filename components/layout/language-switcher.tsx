"use client";

import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { switchLocaleAction } from "@/lib/accounts/actions";
import { locales } from "@/lib/i18n/config";

/** Two buttons, one per language; the current one is marked for screen readers. */
export function LanguageSwitcher({ current }: { current: string }) {
  const t = useTranslations("layout");
  const pathname = usePathname();
  const returnTo = pathname;
  return (
    <form action={switchLocaleAction} className="flex items-center gap-1" aria-label={t("language")}>
      <input type="hidden" name="returnTo" value={returnTo} />
      {locales.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          aria-label={t(`languageName.${locale}`)}
          className="min-h-11 min-w-11 rounded-md px-2 text-sm font-semibold uppercase text-muted aria-pressed:bg-accent-soft aria-pressed:text-accent-strong"
        >
          {locale}
        </button>
      ))}
    </form>
  );
}

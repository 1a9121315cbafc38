"use client";

import { useTranslations } from "next-intl";
import { buttonClass, cardClass } from "@/components/ui/styles";

/** Shown when a page fails; it never shows the error's text. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <div className={`${cardClass} mx-auto max-w-md space-y-3`} role="alert">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p>{t("body")}</p>
      <button type="button" className={buttonClass.primary} onClick={reset}>
        {t("retry")}
      </button>
    </div>
  );
}

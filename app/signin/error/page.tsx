import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass, cardClass } from "@/components/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signin"))("errorTitle") };
}

/** Where Auth.js sends an expired, used or mistyped sign-in link. */
export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const t = await getTranslations("signin");
  return (
    <div className={`${cardClass} mx-auto max-w-md space-y-4`}>
      <h1 className="text-2xl font-semibold">{t("errorTitle")}</h1>
      <p>{error === "Verification" ? t("errorVerification") : t("errorOther")}</p>
      <Link href="/signin" className={buttonClass.primary}>
        {t("tryAgain")}
      </Link>
    </div>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/accounts/sign-in-form";
import { cardClass } from "@/components/ui/styles";
import { getViewer } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/safe-return-path";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signin"))("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (await getViewer()) redirect(returnTo);
  const t = await getTranslations("signin");
  return (
    <ClientMessages namespaces={["signin"]}>
      <div className={`${cardClass} mx-auto max-w-md space-y-4`}>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-muted">{t("intro")}</p>
        <SignInForm callbackUrl={returnTo} />
      </div>
    </ClientMessages>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { NetworkForm } from "@/components/networks/network-form";
import { cardClass } from "@/components/ui/styles";
import { getViewer } from "@/lib/auth/session";
import { isLocale } from "@/lib/i18n/config";
import { defaultPrinciples } from "@/lib/networks/defaults";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("networkForm"))("createTitle") };
}

export default async function NewNetworkPage() {
  if (!(await getViewer())) redirect("/signin?callbackUrl=/networks/new");
  const t = await getTranslations("networkForm");
  const raw = await getLocale();
  const locale = isLocale(raw) ? raw : "en";
  return (
    <ClientMessages namespaces={["networkForm", "networks"]}>
      <div className={`${cardClass} mx-auto max-w-2xl space-y-4`}>
        <h1 className="text-2xl font-semibold">{t("createTitle")}</h1>
        <p className="text-muted">{t("createIntro")}</p>
        <NetworkForm
          mode="create"
          initial={{
            slug: "",
            name: "",
            purpose: "",
            workingQuestion: "",
            principles: defaultPrinciples[locale],
            visibility: "public",
            joinPolicy: "open",
            locale,
            showPublicThreadTitles: false,
          }}
        />
      </div>
    </ClientMessages>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signin"))("checkTitle") };
}

export default async function CheckEmailPage() {
  const t = await getTranslations("signin");
  return (
    <div className={`${cardClass} mx-auto max-w-md space-y-4`}>
      <h1 className="text-2xl font-semibold">{t("checkTitle")}</h1>
      <p>{t("checkBody")}</p>
      {env().outboxEnabled ? (
        <p className="rounded-md bg-sand px-3 py-2 text-sm">
          {t.rich("outboxHint", { link: (chunks) => <Link href="/dev/outbox">{chunks}</Link> })}
        </p>
      ) : null}
    </div>
  );
}

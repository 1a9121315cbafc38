import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { CreateSupportEntryForm } from "@/components/support/support-entry-form";
import { newKey } from "@/components/funding/idempotency-key";
import { requireMemberPage } from "@/lib/membership/scope";
import { mayAdd } from "@/lib/support/policy";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("support"))("newTitle") };
}

/** A broker adds an entry to the map; a member suggests one, which a broker then lists or declines. */
export default async function NewSupportEntryPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/support/new`, "support.suggest");
  const t = await getTranslations("support");
  const broker = mayAdd(scope.role) === "listed";
  return (
    <ClientMessages namespaces={["support"]}>
      <div className="max-w-2xl space-y-6">
        <p>
          <Link href={`/n/${scope.slug}/support`} className="underline">
            {t("backToMap")}
          </Link>
        </p>
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">{broker ? t("newTitle") : t("suggestTitle")}</h1>
          <p className="text-muted">{broker ? t("newIntro") : t("suggestIntro")}</p>
        </div>
        <CreateSupportEntryForm slug={scope.slug} idempotencyKey={newKey()} broker={broker} />
      </div>
    </ClientMessages>
  );
}

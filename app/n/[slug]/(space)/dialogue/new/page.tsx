import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PrinciplesReminder } from "@/components/dialogue/principles-reminder";
import { ThreadForm } from "@/components/dialogue/thread-form";
import { cardClass } from "@/components/ui/styles";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";
import { ClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dialogue"))("newThread") };
}

export default async function NewThreadPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/dialogue/new`, "thread.create");
  const view = await viewNetwork(scope.slug);
  const t = await getTranslations("dialogue");
  return (
    <ClientMessages namespaces={["areas", "dialogue", "levels"]}>
      <div className="space-y-6">
        <h1 className="text-xl font-semibold">{t("newThread")}</h1>
        {view ? <PrinciplesReminder principles={view.network.principles} lang={view.network.locale} /> : null}
        <div className={cardClass}>
          <ThreadForm slug={scope.slug} idempotencyKey={randomUUID().replaceAll("-", "")} />
        </div>
      </div>
    </ClientMessages>
  );
}

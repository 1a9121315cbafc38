import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { NetworkForm } from "@/components/networks/network-form";
import { cardClass } from "@/components/ui/styles";
import { commonsSettingsOf } from "@/lib/commons/queries";
import { membersProposeGatherings } from "@/lib/gatherings/queries";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";
import { ClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("networkForm"))("settingsTitle") };
}

export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/settings`, "network.edit");
  const [view, membersPropose, commons] = await Promise.all([viewNetwork(slug), membersProposeGatherings(scope), commonsSettingsOf(scope)]);
  if (!view) notFound();
  const [t, tc, te, tApi, tHooks] = await Promise.all([
    getTranslations("networkForm"),
    getTranslations("commons"),
    getTranslations("networkExport"),
    getTranslations("api.tokens"),
    getTranslations("webhooks"),
  ]);
  const n = view.network;
  return (
    <ClientMessages namespaces={["networkForm", "networks"]}>
      <div className={`${cardClass} max-w-2xl space-y-4`}>
        <h1 className="text-xl font-semibold">{t("settingsTitle")}</h1>
        <NetworkForm
          mode="edit"
          initial={{
            slug: n.slug,
            name: n.name,
            purpose: n.purpose,
            workingQuestion: n.workingQuestion,
            principles: n.principles,
            visibility: n.visibility,
            joinPolicy: n.joinPolicy,
            locale: n.locale,
            showPublicThreadTitles: n.showPublicThreadTitles,
            membersProposeGatherings: membersPropose,
            region: commons.region,
            allowCommonsQuestions: commons.allowCommonsQuestions,
          }}
        />
        <p>
          <Link href={`/n/${scope.slug}/commons/questions`} className="underline">
            {tc("questionsTitle")}
          </Link>
        </p>
        <p>
          <Link href={`/n/${scope.slug}/settings/api`} className="underline">
            {tApi("settingsLink")}
          </Link>
        </p>
        <p>
          <Link href={`/n/${scope.slug}/settings/webhooks`} className="underline">
            {tHooks("settingsLink")}
          </Link>
        </p>
      </div>
      <section aria-labelledby="network-export" className={`${cardClass} mt-6 max-w-2xl space-y-2`}>
        <h2 id="network-export" className="text-lg font-semibold">
          {te("settingsTitle")}
        </h2>
        <p className="text-muted">{te("settingsIntro")}</p>
        <p>
          <Link href={`/n/${n.slug}/settings/export`} className="underline">
            {te("settingsLink")}
          </Link>
        </p>
      </section>
    </ClientMessages>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewInitiativeForm } from "@/components/funding/initiative-form";
import { cardClass } from "@/components/ui/styles";
import { listTeamCandidates } from "@/lib/funding/queries";
import { requireMemberPage } from "@/lib/membership/scope";
import { ClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("funding"))("newTitle") };
}

export default async function NewInitiativePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/initiatives/new`, "initiative.create");
  const [t, candidates] = await Promise.all([getTranslations("funding"), listTeamCandidates(scope)]);
  return (
    <ClientMessages namespaces={["funding"]}>
      <div className="space-y-6">
        <div className="space-y-1">
          <h1 className="text-xl font-semibold">{t("newTitle")}</h1>
          <p className="text-muted">{t("newIntro")}</p>
        </div>
        <div className={cardClass}>
          <NewInitiativeForm slug={scope.slug} candidates={candidates} viewerId={scope.userId} />
        </div>
      </div>
    </ClientMessages>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { GrowthPath } from "@/components/funding/growth-path";
import { InitiativeAbout } from "@/components/funding/initiative-about";
import { InitiativeHeader } from "@/components/funding/initiative-header";
import { ClientMessages } from "@/components/i18n/client-messages";
import { listMilestoneNeeds, loadInitiativePage } from "@/lib/funding/queries";
import { can } from "@/lib/membership/policy";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";
import { mayPropose } from "@/lib/sharing/policy";
import { shareStates } from "@/lib/sharing/queries";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string; initiativeId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("funding"))("initiative") };
}

/**
 * One initiative and its growth path: every milestone with what it unlocks, its progress,
 * funded vs needed per currency, its pledges and updates. The team and brokers edit; a
 * funder pledges, and releases or withdraws its own pledges. Every control here is also
 * checked again by its action on the server.
 *
 * Guard (`requireMemberPage`; `viewNetwork` is the same request's cached look-up, for the
 * language the network writes in), one loader (`loadInitiativePage`) and one statement for what
 * every milestone asks besides money (`listMilestoneNeeds`), then the sections in
 * components/funding/ inside the page's one <ClientMessages>.
 */
export default async function InitiativePage({ params }: Params) {
  const { slug, initiativeId } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/initiatives/${initiativeId}`, "initiative.view");
  const [page, view, needs] = await Promise.all([
    loadInitiativePage(scope, initiativeId),
    viewNetwork(scope.slug),
    listMilestoneNeeds(scope, initiativeId),
  ]);
  if (!page) notFound();
  const lang = view?.network.locale;
  // Closed milestones can be shared with the commons: by a broker or the initiative's team.
  const closedIds = page.initiative.milestones.filter((m) => m.status === "reached" || m.status === "learned" || m.status === "dropped").map((m) => m.id);
  const share = {
    states: await shareStates(scope, "milestone_outcome", closedIds),
    mayPropose: mayPropose(scope.role, page.initiative.team.some((member) => member.userId === scope.userId)),
  };
  return (
    <ClientMessages namespaces={["areas", "funding", "moderation", "sharing"]}>
      <div className="space-y-6">
        <InitiativeHeader slug={scope.slug} initiative={page.initiative} lang={lang} />
        <InitiativeAbout slug={scope.slug} page={page} lang={lang} />
        <GrowthPath slug={scope.slug} userId={scope.userId} page={page} needs={needs} mayPost={can(scope.role, "exchange.post")} share={share} lang={lang} />
      </div>
    </ClientMessages>
  );
}

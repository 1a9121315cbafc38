import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BrokerTools } from "@/components/cycles/broker-tools";
import { ConsentSection } from "@/components/cycles/consent-section";
import { CycleContents } from "@/components/cycles/cycle-contents";
import { CycleSummary } from "@/components/cycles/cycle-summary";
import { NoOpenCycle } from "@/components/cycles/no-open-cycle";
import { OthersReflections } from "@/components/cycles/others-reflections";
import { OwnReflectionSection } from "@/components/cycles/own-reflection";
import { SynthesisSection } from "@/components/cycles/synthesis-section";
import { HarvestMentions } from "@/components/harvests/harvest-mentions";
import { ClientMessages } from "@/components/i18n/client-messages";
import { loadCyclePage } from "@/lib/cycles/queries";
import { can } from "@/lib/membership/policy";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cycles"))("title") };
}

/**
 * The network's current cycle: its question and phase, participation, the viewer's own
 * reflection and (only as lib/cycles/policy.ts allows, decided on the server) the others'.
 * From the WE phase on: the synthesis, its revisions (`?revision=N` shows one with a diff
 * against the one before), the consent round and, for brokers, closing. The page is long then,
 * so it starts with links to its sections (CycleContents).
 * Guard, then the one loader (lib/cycles/queries.ts), then the sections (components/cycles).
 */
export default async function CyclePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ revision?: string }>;
}) {
  const { slug } = await params;
  const { revision } = await searchParams;
  const scope = await requireMemberPage(slug, `/n/${slug}/cycles`, "cycle.view");
  const shown = revision && /^\d{1,9}$/.test(revision) ? Number(revision) : null;
  const [view, page] = await Promise.all([viewNetwork(scope.slug), loadCyclePage(scope, new Date(), shown)]);

  if (!page) {
    return (
      <ClientMessages namespaces={["areas", "cycles"]}>
        <NoOpenCycle slug={scope.slug} mayOpen={can(scope.role, "cycle.open")} />
      </ClientMessages>
    );
  }

  const { cycle, participation, reflections, we, harvests } = page;
  const lang = view?.network.locale;
  return (
    <ClientMessages namespaces={["areas", "cycles", "dialogue", "moderation"]}>
      <div className="space-y-6">
        <CycleSummary slug={scope.slug} cycle={cycle} participation={participation} lang={lang} />
        <HarvestMentions slug={scope.slug} mentions={harvests} kind="cycle" />
        {we ? <CycleContents own={!!reflections} brokerTools={can(scope.role, "cycle.extend")} /> : null}
        {reflections ? <OwnReflectionSection slug={scope.slug} cycle={cycle} own={reflections.own} /> : null}
        <OthersReflections slug={scope.slug} reflections={reflections} mayModerate={can(scope.role, "moderation.hide")} />
        {we ? <SynthesisSection scope={scope} cycle={cycle} reflections={reflections} we={we} lang={lang} /> : null}
        {we ? <ConsentSection scope={scope} cycle={cycle} we={we} /> : null}
        {can(scope.role, "cycle.extend") ? <BrokerTools scope={scope} cycle={cycle} /> : null}
      </div>
    </ClientMessages>
  );
}

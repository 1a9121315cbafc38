import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AcceptOrJoin } from "@/components/membership/accept-or-join";
import { AcceptAddressedInvitationForm } from "@/components/membership/join-forms";
import { BackedMilestones } from "@/components/home/backed-milestones";
import { BrokerWaiting } from "@/components/home/broker-waiting";
import { Coming } from "@/components/home/coming";
import { NetworkText } from "@/components/home/network-text";
import { NextSteps } from "@/components/home/next-steps";
import { PublicOverview } from "@/components/home/public-overview";
import { RecordVisit } from "@/components/home/record-visit";
import { SinceLastVisit } from "@/components/home/since-last-visit";
import { UpcomingGatherings } from "@/components/home/upcoming-gatherings";
import { cardClass } from "@/components/ui/styles";
import { loadNetworkHome } from "@/lib/home/queries";
import { can } from "@/lib/membership/policy";
import { viewNetwork } from "@/lib/membership/scope";
import { isIndexable } from "@/lib/networks/policy";
import { ClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const view = await viewNetwork((await params).slug);
  if (!view) return {};
  return {
    title: view.network.name,
    description: view.network.purpose.slice(0, 160),
    robots: isIndexable(view.network.visibility) ? undefined : { index: false },
  };
}

/**
 * The network home, a living overview different per role (issue 18 item 1). Guard (viewNetwork:
 * unknown and invisible networks are a 404), then the one loader (lib/home/queries.ts), then the
 * sections (components/home). Members see what happened since their last visit, their next step
 * and what is coming; brokers also what waits for them and a new network's first steps; funders
 * the milestones they back; visitors of a public network what it shares. The page never writes:
 * <RecordVisit> records the visit from the browser after render.
 */
export default async function NetworkHomePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ joined?: string }>;
}) {
  const { slug } = await params;
  const { joined } = await searchParams;
  const view = await viewNetwork(slug);
  if (!view) notFound();
  const { network, membership, viewer, scope, invitation } = view;
  const t = await getTranslations("networkHome");
  const tn = await getTranslations("networks");
  const tc = await getTranslations("cycles");
  const ts = await getTranslations("sharing");
  const home = await loadNetworkHome(view);
  const lang = network.locale;
  const member = home.kind === "member" ? home : null;
  const cycle = member?.cycle ?? null;

  const standing = (
    <div className={`${cardClass} space-y-3`}>
      {scope ? (
        <>
          <p>{t("youAre", { role: scope.role })}</p>
          <Link href={`/n/${slug}/members`} className="block font-medium">
            {t("toMembers")}
          </Link>
          {can(scope.role, "commons.view") ? (
            <Link href={`/n/${slug}/sharing`} className="block font-medium">
              {ts("link")}
            </Link>
          ) : null}
        </>
      ) : !viewer ? (
        <>
          <p>{t("signInToJoin")}</p>
          <Link href={`/signin?callbackUrl=${encodeURIComponent(`/n/${slug}`)}`} className="font-medium">
            {t("signIn")}
          </Link>
        </>
      ) : invitation ? (
        <>
          <p role="status">{t("invited", { role: invitation.role })}</p>
          <AcceptAddressedInvitationForm slug={slug} invitationId={invitation.id} />
        </>
      ) : membership?.status === "pending" ? (
        <p role="status">{t("pending")}</p>
      ) : membership?.status === "removed" && network.joinPolicy !== "invitation" ? (
        <p>{t("removed")}</p>
      ) : (
        <AcceptOrJoin slug={slug} joinPolicy={network.joinPolicy} declined={membership?.status === "declined"} />
      )}
    </div>
  );

  return (
    <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
      <div className="space-y-6">
        {joined && scope ? (
          <p role="status" className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">
            {t("welcome", { name: network.name })}
          </p>
        ) : null}
        <h1 className="sr-only" lang={network.locale}>
          {network.name}
        </h1>
        {member ? (
          <div className="space-y-6" aria-label={t("overview")} role="region">
            {member.broker ? <BrokerWaiting slug={slug} broker={member.broker} lang={lang} /> : null}
            <NextSteps slug={slug} steps={member.steps} lang={lang} />
            <SinceLastVisit slug={slug} home={member} lang={lang} />
            {member.backed ? <BackedMilestones slug={slug} backed={member.backed} lang={lang} /> : null}
            <UpcomingGatherings slug={slug} gatherings={member.gatherings} lang={lang} />
            <Coming slug={slug} coming={member.coming} lang={lang} />
            <RecordVisit slug={slug} />
          </div>
        ) : null}
        <NetworkText network={network} />
        {home.kind === "visitor" ? <UpcomingGatherings slug={slug} gatherings={home.gatherings} lang={lang} visitor /> : null}
        {home.kind === "visitor" ? <PublicOverview home={home} lang={lang} /> : null}
      </div>
      <aside className="space-y-4" aria-label={t("aside")}>
        <div className={`${cardClass} space-y-2`}>
          <p className="text-lg font-semibold">{tn("memberCount", { count: network.memberCount })}</p>
          <p className="text-sm text-muted">
            {tn(`visibility.${network.visibility}`)} · {tn(`joinPolicy.${network.joinPolicy}`)}
          </p>
        </div>
        {cycle ? (
          <div className={`${cardClass} space-y-2`}>
            <p>{tc("homeOpen", { title: cycle.title })}</p>
            <p className="text-sm text-muted">{tc(`phase.${cycle.phase}`)}</p>
            <Link href={`/n/${slug}/cycles`} className="block font-medium">
              {tc("homeLink")}
            </Link>
          </div>
        ) : null}
        {/* Only someone not (yet) in the network gets a form here: a member's home sends the browser no messages of its own. */}
        {scope ? standing : <ClientMessages namespaces={["join"]}>{standing}</ClientMessages>}
      </aside>
    </div>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AttendanceSection } from "@/components/gatherings/attendance-section";
import { GatheringDetails } from "@/components/gatherings/gathering-details";
import { GatheringHeader } from "@/components/gatherings/gathering-header";
import { ManageSection } from "@/components/gatherings/manage-section";
import { PeopleSection } from "@/components/gatherings/people-section";
import { RsvpSection } from "@/components/gatherings/rsvp-section";
import { SeriesSection } from "@/components/gatherings/series-section";
import { AddToCalendar } from "@/components/calendar/add-to-calendar";
import { HarvestSection } from "@/components/harvests/harvest-section";
import { ClientMessages } from "@/components/i18n/client-messages";
import { loadGatheringPage } from "@/lib/gatherings/queries";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string; gatheringId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("gatherings"))("title") };
}

/**
 * One gathering: when and where, its purpose and agenda, the viewer's answer, who is going, who
 * came, its series, and what brokers and hosts may do. Guard, one loader (`loadGatheringPage`, which
 * calendars and harvests extend with their own fields), then the sections in components/gatherings.
 */
export default async function GatheringPage({ params }: Params) {
  const { slug, gatheringId } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/gatherings/${gatheringId}`, "gathering.view");
  const [page, view] = await Promise.all([loadGatheringPage(scope, gatheringId), viewNetwork(scope.slug)]);
  if (!page) notFound();
  const lang = view?.network.locale ?? "en";
  return (
    <ClientMessages namespaces={["areas", "gatherings", "harvests", "levels"]}>
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          <GatheringHeader slug={scope.slug} page={page} lang={lang} />
          <GatheringDetails slug={scope.slug} page={page} lang={lang} />
          <AttendanceSection slug={scope.slug} page={page} candidates={page.attendanceCandidates} />
          {page.harvest ? <HarvestSection slug={scope.slug} gatheringId={page.gathering.id} data={page.harvest} lang={lang} /> : null}
        </div>
        <aside className="space-y-6" aria-label={page.gathering.title}>
          <RsvpSection slug={scope.slug} userId={scope.userId} page={page} />
          {page.gathering.status === "planned" && !page.over ? <AddToCalendar slug={scope.slug} gathering={page.gathering} /> : null}
          <PeopleSection page={page} />
          <SeriesSection slug={scope.slug} page={page} />
          <ManageSection slug={scope.slug} page={page} />
        </aside>
      </div>
    </ClientMessages>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { GatheringForm } from "@/components/gatherings/gathering-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { cardClass } from "@/components/ui/styles";
import { loadGatheringForm } from "@/lib/gatherings/queries";
import { toLocal } from "@/lib/gatherings/recurrence";
import { requireMemberPage } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("gatherings"))("editTitle") };
}

/** Edits one gathering (one occurrence of a series), its times in the zone it was planned in. */
export default async function EditGatheringPage({ params }: { params: Promise<{ slug: string; gatheringId: string }> }) {
  const { slug, gatheringId } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/gatherings/${gatheringId}/edit`, "gathering.propose");
  const [form, t] = await Promise.all([loadGatheringForm(scope, gatheringId), getTranslations("gatherings")]);
  const g = form.gathering;
  if (!g) notFound();
  return (
    <ClientMessages namespaces={["gatherings"]}>
      <div className="max-w-3xl space-y-6">
        <h1 className="text-2xl font-semibold">{t("editTitle")}</h1>
        <div className={cardClass}>
          <GatheringForm
            slug={scope.slug}
            mode="edit"
            gatheringId={g.id}
            occurrence={g.seriesId !== null}
            hosts={form.hosts.map((h) => ({ value: h.userId, label: h.name }))}
            threads={form.threads.map((th) => ({ value: th.id, label: th.title }))}
            initial={{
              title: g.title,
              purpose: g.purpose,
              startsAt: toLocal(g.startsAt, g.timeZone),
              endsAt: toLocal(g.endsAt, g.timeZone),
              timeZone: g.timeZone,
              mode: g.mode,
              placeName: g.placeName,
              address: g.address,
              accessibility: g.accessibility,
              onlineUrl: g.onlineUrl,
              visibility: g.visibility,
              capacity: g.capacity === null ? "" : String(g.capacity),
              agenda: g.agenda.map((a) => ({ title: a.title, minutes: String(a.minutes), hostId: a.hostId ?? "", threadId: a.threadId ?? "" })),
            }}
          />
        </div>
      </div>
    </ClientMessages>
  );
}

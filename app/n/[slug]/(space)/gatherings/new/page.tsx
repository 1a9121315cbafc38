import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTimeZone, getTranslations } from "next-intl/server";
import { GatheringForm } from "@/components/gatherings/gathering-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { cardClass } from "@/components/ui/styles";
import { loadGatheringForm } from "@/lib/gatherings/queries";
import { toLocal } from "@/lib/gatherings/recurrence";
import { requireMemberPage } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

const DAY = 86_400_000;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("gatherings"))("newTitle") };
}

/** A week from now at 19:30 to 21:30 in the viewer's zone: a sensible first guess. */
function defaultTimes(zone: string) {
  const day = toLocal(new Date(Date.now() + 7 * DAY), zone).slice(0, 10);
  return { startsAt: `${day}T19:30`, endsAt: `${day}T21:30` };
}

/** A broker plans a gathering (or a series); a member proposes one where the network allows it. */
export default async function NewGatheringPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/gatherings/new`, "gathering.propose");
  const [form, zone, t] = await Promise.all([loadGatheringForm(scope, null), getTimeZone(), getTranslations("gatherings")]);
  if (!form.proposes) notFound();
  const proposal = form.proposes === "proposed";
  return (
    <ClientMessages namespaces={["gatherings"]}>
      <div className="max-w-3xl space-y-6">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">{proposal ? t("proposeTitle") : t("newTitle")}</h1>
          {proposal ? <p className="text-muted">{t("proposeIntro")}</p> : null}
        </div>
        <div className={cardClass}>
          <GatheringForm
            slug={scope.slug}
            mode="create"
            proposal={proposal}
            idempotencyKey={randomUUID().replaceAll("-", "")}
            hosts={form.hosts.map((h) => ({ value: h.userId, label: h.name }))}
            threads={form.threads.map((th) => ({ value: th.id, label: th.title }))}
            initial={{
              title: "",
              purpose: "",
              ...defaultTimes(zone),
              timeZone: zone,
              mode: "in_person",
              placeName: "",
              address: "",
              accessibility: "",
              onlineUrl: "",
              visibility: "members",
              capacity: "",
              agenda: [],
            }}
          />
        </div>
      </div>
    </ClientMessages>
  );
}

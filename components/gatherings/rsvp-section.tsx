import { getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import type { GatheringPage } from "@/lib/gatherings/queries";
import { RsvpForm } from "./rsvp-form";

/** The viewer's answer, and the form to give or change it while the gathering is ahead. */
export async function RsvpSection({ slug, userId, page }: { slug: string; userId: string; page: GatheringPage }) {
  const t = await getTranslations("gatherings");
  const g = page.gathering;
  if (g.status !== "planned") return null;
  const mine = page.viewer.rsvp;
  // The waitlist is in order of asking: the viewer's place in it.
  const place = (page.people?.waitlist.findIndex((p) => p.userId === userId) ?? -1) + 1;
  return (
    <section aria-labelledby="gathering-rsvp" className={`${cardClass} space-y-3`}>
      <h2 id="gathering-rsvp" className="text-xl font-semibold">
        {t("rsvpTitle")}
      </h2>
      {mine ? <p>{t("rsvpCurrent", { status: mine.status, place })}</p> : null}
      {page.viewer.mayRsvp ? (
        <RsvpForm slug={slug} gatheringId={g.id} current={mine?.status ?? null} note={mine?.note ?? ""} />
      ) : page.started ? (
        <p className="text-muted">{t("rsvpClosed")}</p>
      ) : (
        <p className="text-muted">{t("rsvpFunder")}</p>
      )}
    </section>
  );
}

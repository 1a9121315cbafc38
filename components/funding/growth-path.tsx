import { getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import type { InitiativePage, MilestoneNeed } from "@/lib/funding/queries";
import { MilestoneCard, type MilestoneShare } from "./milestone-card";
import { stageChoice } from "@/components/support/milestone-support";
import { AddMilestoneForm, FormDisclosure } from "./milestone-forms";

/** The initiative's growth path: its milestones in order, each a card, and (for the team and brokers) adding one. */
export async function GrowthPath({
  slug,
  userId,
  page,
  needs,
  mayPost,
  share,
  lang,
}: {
  slug: string;
  userId: string;
  page: InitiativePage;
  /** Each milestone's open requests (decision 041). */
  needs: Map<string, { total: number; requests: MilestoneNeed[] }>;
  mayPost: boolean;
  /** Closed milestones shared with the commons or proposed for it, and whether the viewer may propose. */
  share: MilestoneShare;
  lang?: string;
}) {
  const t = await getTranslations("funding");
  const { milestones } = page.initiative;
  return (
    <section aria-labelledby="growth-path" className="space-y-4">
      <div className="space-y-1">
        <h2 id="growth-path" className="text-xl font-semibold">
          {t("growthPath")}
        </h2>
        <p className="text-muted">{t("growthPathIntro")}</p>
      </div>
      {milestones.length === 0 ? (
        <p className="text-muted">{t("noMilestones")}</p>
      ) : (
        <ol className="space-y-4">
          {milestones.map((m, index) => (
            <MilestoneCard
              key={m.id}
              slug={slug}
              userId={userId}
              page={page}
              milestone={m}
              index={index}
              last={index === milestones.length - 1}
              needs={needs.get(m.id)}
              mayPost={mayPost}
              share={share}
              lang={lang}
            />
          ))}
        </ol>
      )}
      {page.may.edit ? (
        <div className={cardClass}>
          <FormDisclosure summary={t("addMilestone")}>
            <AddMilestoneForm slug={slug} initiativeId={page.initiative.id} stage={await stageChoice()} />
          </FormDisclosure>
        </div>
      ) : null}
    </section>
  );
}

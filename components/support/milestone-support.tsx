import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { GROWTH_STAGES, type GrowthStageName } from "@/lib/support/limits";
import { filterQuery } from "@/lib/support/policy";

/** The milestone form's optional growth-stage field, translated here on the server (the form is a client component). */
export type StageChoice = { label: string; hint: string; options: { value: string; label: string }[] };

export async function stageChoice(): Promise<StageChoice> {
  const t = await getTranslations("support");
  return {
    label: t("milestoneStage"),
    hint: t("milestoneStageHint"),
    options: [{ value: "", label: t("noStage") }, ...GROWTH_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))],
  };
}

/**
 * "Find support for this step": a link from a milestone to the support map, filtered by the
 * milestone's growth stage when it has one (the map's own filter then narrows by kind).
 */
export async function FindSupportLink({ slug, stage, title }: { slug: string; stage: GrowthStageName | null; title: string }) {
  const t = await getTranslations("support");
  return (
    <p>
      <Link href={`/n/${slug}/support?${filterQuery({ stage })}#support-results`} className="underline" data-testid="find-support">
        {stage ? t("findForStepStage", { stage: t(`stage.${stage}`) }) : t("findForStep")}
        <span className="sr-only">: {title}</span>
      </Link>
    </p>
  );
}

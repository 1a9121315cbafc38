import { getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import type { PatternCell } from "@/lib/commons/queries";

/**
 * Patterns across networks: only the cells that at least three networks contribute to (the query
 * leaves the others out), each as a sentence, "Milestone outcomes: learned in 5 of 12 networks".
 */
export async function Patterns({ cells }: { cells: PatternCell[] }) {
  const t = await getTranslations("commons");
  const tl = await getTranslations("areas");
  const sentence = (c: PatternCell) => {
    const common = { kind: t(`kindsPlural.${c.kind}`), networks: c.networks, total: c.kindNetworks };
    if (c.facet === "outcome") return t("patternOutcome", { ...common, outcome: t(`outcomeWords.${c.value as "reached"}`) });
    if (c.facet === "area") return t("patternArea", { ...common, area: tl(c.value as "means") });
    if (c.facet === "stage") return t("patternStage", { ...common, stage: t(`stages.${c.value as "idea"}`) });
    return t("patternTopic", { ...common, topic: c.value, outcome: t(`outcomeWords.${(c.outcome ?? "reached") as "reached"}`) });
  };
  return (
    <section aria-labelledby="commons-patterns" className="space-y-3">
      <h2 id="commons-patterns" className="text-xl font-semibold">
        {t("patternsTitle")}
      </h2>
      <p className="max-w-prose text-muted">{t("patternsIntro")}</p>
      {cells.length === 0 ? (
        <p className={cardClass}>{t("patternsEmpty")}</p>
      ) : (
        <ul className={`${cardClass} commons-patterns list-disc space-y-1 pl-8`} data-testid="commons-patterns">
          {cells.map((c) => (
            <li key={`${c.kind}:${c.facet}:${c.value}:${c.outcome ?? ""}`}>
              {`${sentence(c)} `}
              <span>{`(${t("patternItems", { count: c.items })})`}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

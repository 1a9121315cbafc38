import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import type { CyclePage } from "@/lib/cycles/queries";

/** The open cycle's title and question, its phase, deadlines and participation: for every role. */
export async function CycleSummary({
  slug,
  cycle,
  participation,
  lang,
}: {
  slug: string;
  cycle: CyclePage["cycle"];
  participation: CyclePage["participation"];
  lang: string | undefined;
}) {
  const [t, ta, format] = await Promise.all([getTranslations("cycles"), getTranslations("areas"), getFormatter()]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "full", timeStyle: "short" });
  return (
    <>
      <div className="space-y-1">
        <p className="text-muted">{t("title")}</p>
        <h1 className="text-2xl font-semibold" lang={lang}>
          {cycle.title}
        </h1>
        <p>
          <Link href={`/n/${slug}/cycles/journey`} className="font-medium">
            {t("journeyLink")}
          </Link>
        </p>
      </div>

      <section aria-labelledby="cycle-question" className={`${cardClass} space-y-3`}>
        <h2 id="cycle-question" className="text-lg font-semibold">
          {t("question")}
        </h2>
        <blockquote className="border-l-4 border-accent pl-4 text-lg whitespace-pre-line" lang={lang}>
          {cycle.question}
        </blockquote>
        {cycle.focusArea ? <p>{t("focusOn", { area: ta(cycle.focusArea) })}</p> : null}
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">{t("phaseLabel")}</dt>
          <dd>{t(`phase.${cycle.phase}`)}</dd>
          <dt className="font-medium">{t("iDeadline")}</dt>
          <dd>
            <time dateTime={cycle.iDeadline.toISOString()}>{when(cycle.iDeadline)}</time>
          </dd>
          <dt className="font-medium">{t("weDeadline")}</dt>
          <dd>
            <time dateTime={cycle.weDeadline.toISOString()}>{when(cycle.weDeadline)}</time>
          </dd>
          <dt className="font-medium">{t("participationLabel")}</dt>
          <dd>{t("participation", participation)}</dd>
        </dl>
      </section>
    </>
  );
}

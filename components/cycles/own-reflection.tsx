import { getFormatter, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { cardClass } from "@/components/ui/styles";
import type { CyclePage, OwnReflection } from "@/lib/cycles/queries";
import { HiddenNotice } from "./hidden-notice";
import { ReflectionForm } from "./reflection-form";

/**
 * The viewer's own reflection (brokers and members): the form during the I phase, the saved
 * text afterwards. Shared and submitted, it is the anchor a synthesis citation links to.
 */
export async function OwnReflectionSection({
  slug,
  cycle,
  own,
}: {
  slug: string;
  cycle: CyclePage["cycle"];
  own: OwnReflection | null;
}) {
  const [t, ta, format] = await Promise.all([getTranslations("cycles"), getTranslations("areas"), getFormatter()]);
  const hidden = own?.hidden ? (
    <>
      <HiddenNotice reason={own.hiddenReason} />
      <p className="text-sm text-muted">{t("ownReflectionHidden")}</p>
    </>
  ) : null;
  return (
    <section aria-labelledby="own-reflection" className={`${cardClass} space-y-4`}>
      <h2 id="own-reflection" className="scroll-mt-6 text-lg font-semibold">
        {t("yourReflection")}
      </h2>
      {cycle.phase === "reflect" ? (
        <>
          {own?.submittedAt ? (
            <p>{t("statusSubmitted", { date: format.dateTime(own.submittedAt, { dateStyle: "full", timeStyle: "short" }) })}</p>
          ) : (
            <>
              {own ? <p>{t("statusDraft")}</p> : null}
              <p className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">{t("revealNotice")}</p>
            </>
          )}
          {hidden}
          <ReflectionForm
            slug={slug}
            cycleId={cycle.id}
            saved={
              own
                ? {
                    body: own.body,
                    area: own.area,
                    private: own.private,
                    submitted: own.submittedAt !== null,
                    version: String(own.updatedAt.getTime()),
                  }
                : null
            }
          />
        </>
      ) : own ? (
        <div id={!own.private && own.submittedAt ? `reflection-${own.id}` : undefined} className="scroll-mt-4 space-y-2">
          <p>{own.submittedAt ? t("ownAfterPhase") : t("ownDraftAfterPhase")}</p>
          {own.private ? <p className="text-sm text-muted">{t("statusPrivate")}</p> : null}
          <p className="text-sm text-muted">{ta(own.area)}</p>
          {hidden}
          <Markdown html={own.html} />
        </div>
      ) : (
        <p>{t("noOwnAfterPhase")}</p>
      )}
    </section>
  );
}

import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { cardClass } from "@/components/ui/styles";
import type { CyclePage, WePhase } from "@/lib/cycles/queries";
import { SYNTHESIS_PARTS } from "@/lib/cycles/limits";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { SynthesisDiff } from "./synthesis-diff";
import { SynthesisForm } from "./synthesis-form";

/**
 * The WE phase's synthesis: the current revision with its citations, the form (during the WE
 * phase), the earlier revisions and, for `?revision=N`, that one with a diff against N-1.
 * Funders read the final synthesis in the journey, not this one.
 */
export async function SynthesisSection({
  scope,
  cycle,
  reflections,
  we,
  lang,
}: {
  scope: NetworkScope;
  cycle: CyclePage["cycle"];
  reflections: CyclePage["reflections"];
  we: WePhase;
  lang: string | undefined;
}) {
  const [t, ta, format] = await Promise.all([getTranslations("cycles"), getTranslations("areas"), getFormatter()]);
  const { synthesis, revisions, shownRevision } = we;
  const name = (n: string | null) => n || t("someone");
  const own = reflections?.own ?? null;
  const visible = reflections?.visible ?? null;
  // Reflections a synthesis may cite: the shared ones the page shows, and the viewer's own when
  // shared; never one a broker hid (decision 027).
  const ownShared = own && !own.private && own.submittedAt ? own : null;
  const citable = [
    ...(ownShared && !ownShared.hidden ? [{ id: ownShared.id, area: ownShared.area, authorName: t("you") }] : []),
    ...(visible?.revealed ? visible.reflections : [])
      .filter((r) => !r.hidden)
      .map((r) => ({ id: r.id, area: r.area, authorName: name(r.authorName) })),
  ];
  const template = SYNTHESIS_PARTS.map((part) => `## ${t(`parts.${part}`)}\n\n`).join("");
  const writer = can(scope.role, "synthesis.write");
  return (
    <section aria-labelledby="synthesis-title" className={`${cardClass} space-y-4`}>
      <h2 id="synthesis-title" className="scroll-mt-6 text-lg font-semibold">
        {t("synthesisTitle")}
      </h2>
      <p className="text-sm text-muted">{t("synthesisIntro")}</p>
      {!can(scope.role, "synthesis.read") ? (
        <p>{t("synthesisFunder")}</p>
      ) : synthesis ? (
        <div className="space-y-3">
          <p className="text-sm text-muted">
            {t("revisionBy", { number: synthesis.number, name: name(synthesis.authorName) })} ·{" "}
            <time dateTime={synthesis.createdAt.toISOString()}>{format.dateTime(synthesis.createdAt, { dateStyle: "full", timeStyle: "short" })}</time>
          </p>
          <Markdown html={synthesis.html} lang={lang} />
          {synthesis.citations.length > 0 ? (
            <div>
              <h3 className="font-semibold">{t("citesTitle")}</h3>
              <ul className="list-disc pl-6">
                {synthesis.citations.map((c) => (
                  <li key={c.id}>
                    <a href={`#reflection-${c.id}`}>{t("citeLabel", { name: name(c.authorName), area: ta(c.area) })}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : (
        <p>{t("synthesisNone")}</p>
      )}
      {cycle.phase === "synthesise" && writer ? (
        <SynthesisForm
          slug={scope.slug}
          cycleId={cycle.id}
          current={
            synthesis
              ? { number: synthesis.number, body: synthesis.body, authorName: synthesis.authorName, cites: synthesis.citations.map((c) => c.id) }
              : null
          }
          citable={citable.map((r) => ({ id: r.id, label: t("citeLabel", { name: r.authorName, area: ta(r.area) }) }))}
          template={template}
        />
      ) : writer && cycle.phase === "ended" ? (
        <p>{t("synthesisEnded")}</p>
      ) : null}
      {revisions.length > 0 ? (
        <div className="space-y-2">
          <h3 className="font-semibold">{t("revisionsTitle")}</h3>
          <ol className="space-y-1">
            {revisions.map((r) => (
              <li key={r.number}>
                <Link
                  href={`/n/${scope.slug}/cycles?revision=${r.number}#revision`}
                  aria-current={shownRevision?.number === r.number ? "true" : undefined}
                >
                  {t("revisionBy", { number: r.number, name: name(r.authorName) })}
                </Link>{" "}
                · <time dateTime={r.createdAt.toISOString()}>{format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {shownRevision ? (
        <section id="revision" aria-labelledby="revision-title" className="scroll-mt-4 space-y-3">
          <h3 id="revision-title" className="font-semibold">
            {t("revisionTitle", { number: shownRevision.number, name: name(shownRevision.authorName) })}
          </h3>
          <Markdown html={shownRevision.html} lang={lang} />
          <h4 className="font-medium">
            {shownRevision.previous === null ? t("diffFirst") : t("diffTitle", { number: shownRevision.number - 1 })}
          </h4>
          <SynthesisDiff
            before={shownRevision.previous ?? ""}
            after={shownRevision.body}
            labels={{ added: t("diffAdded"), removed: t("diffRemoved"), end: t("diffEnd") }}
          />
        </section>
      ) : null}
    </section>
  );
}

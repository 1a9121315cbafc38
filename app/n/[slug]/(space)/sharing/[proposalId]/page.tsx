import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { ClientMessages } from "@/components/i18n/client-messages";
import { AnswerForm, PublishForm, WithdrawForm } from "@/components/sharing/sharing-forms";
import { cardClass } from "@/components/ui/styles";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";
import { LICENCE_URLS } from "@/lib/sharing/limits";
import { loadProposal } from "@/lib/sharing/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sharing"))("proposalTitle") };
}

/**
 * One proposal to share with the commons: the text as proposed and as the commons would hold it
 * (network only, anonymous), who is asked and what they answered, and what the viewer may do: answer,
 * publish, withdraw or cancel. Only brokers and the people it concerns see it.
 */
export default async function ProposalPage({ params }: { params: Promise<{ slug: string; proposalId: string }> }) {
  const { slug, proposalId } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/sharing/${proposalId}`, "commons.view");
  const [t, format, view] = await Promise.all([getTranslations("sharing"), getFormatter(), viewNetwork(scope.slug)]);
  if (!view) notFound();
  const p = await loadProposal(scope, proposalId, view.network);
  if (!p) notFound();
  const lang = view?.network.locale;
  return (
    <ClientMessages namespaces={["sharing"]}>
      <div className="space-y-6">
        <div className="space-y-1">
          <p className="text-muted">
            <Link href={`/n/${scope.slug}/sharing`}>{t("title")}</Link>
          </p>
          <h1 className="text-xl font-semibold" lang={lang}>
            {p.title}
          </h1>
          <p className="text-muted">
            {t(`kind.${p.kind}`)} · <span data-testid="proposal-status">{t(`status.${p.status}`)}</span>
            {p.proposedByName ? ` · ${t("proposedBy", { name: p.proposedByName })}` : ""} ·{" "}
            <time dateTime={p.createdAt.toISOString()}>{format.dateTime(p.createdAt, { dateStyle: "medium" })}</time>
          </p>
          {p.attribution && p.licence ? (
            <p>
              {t("chosen", { attribution: t(`attribution.${p.attribution}`) })}{" "}
              <a href={LICENCE_URLS[p.licence]} rel="license">
                {t(`licence.${p.licence}`)}
              </a>
            </p>
          ) : null}
          {p.itemId && p.status === "published" ? (
            <p>
              <Link href={`/commons/${p.itemId}`}>{t("openInCommons")}</Link>
            </p>
          ) : null}
        </div>

        <section aria-labelledby="texts" className="space-y-3">
          <h2 id="texts" className="text-lg font-semibold">
            {t("beforeAfter")}
          </h2>
          <p className="text-sm text-muted">{t("beforeAfterHint")}</p>
          <div className={`grid gap-3 ${p.previews.length === 1 ? "md:grid-cols-2" : "md:grid-cols-3"}`}>
            <article className={`${cardClass} space-y-2`} aria-labelledby="text-before">
              <h3 id="text-before" className="font-semibold">
                {t("before")}
              </h3>
              <Markdown html={p.html} lang={lang} />
            </article>
            {p.previews.map(({ modes, title, html }) => {
              // The anonymous text is the one a test or a reader looks for, alone or shared with "network only".
              const mode = modes.at(-1)!;
              return (
                <article key={mode} className={`${cardClass} space-y-2`} aria-labelledby={`text-${mode}`} data-testid={`preview-${mode}`}>
                  <h3 id={`text-${mode}`} className="font-semibold">
                    {modes.length > 1 ? t("after.both") : t(`after.${mode}`)}
                  </h3>
                  <p className="font-medium" lang={lang}>
                    {title}
                  </p>
                  <Markdown html={html} lang={lang} />
                </article>
              );
            })}
          </div>
        </section>

        <section aria-labelledby="asked" className="space-y-2">
          <h2 id="asked" className="text-lg font-semibold">
            {t("askedTitle")}
          </h2>
          <ul className="space-y-1">
            {p.consents.map((c) => (
              <li key={c.userId}>
                {c.name ?? t("someone")}:{" "}
                {c.choice === "agree"
                  ? t("agreedWith", { attribution: t(`attribution.${c.attribution ?? "anonymous"}`), licence: t(`licence.${c.licence ?? "cc_by_4_0"}`) })
                  : c.choice === "object"
                    ? t("objectedBecause", { reason: c.note })
                    : t("notYet")}
              </li>
            ))}
          </ul>
        </section>

        {p.may.answer ? (
          <section aria-labelledby="answer" className={`${cardClass} space-y-3`}>
            <h2 id="answer" className="text-lg font-semibold">
              {t("answerTitle")}
            </h2>
            <p className="text-sm text-muted">{t("answerIntro")}</p>
            <AnswerForm slug={scope.slug} proposalId={p.id} />
          </section>
        ) : null}
        {p.may.publish ? (
          <section aria-labelledby="publish" className={`${cardClass} space-y-3`}>
            <h2 id="publish" className="text-lg font-semibold">
              {t("publishTitle")}
            </h2>
            <p className="text-sm text-muted">{t("publishIntro")}</p>
            <PublishForm slug={scope.slug} proposalId={p.id} />
          </section>
        ) : null}
        {p.may.withdraw ? (
          <section aria-labelledby="withdraw" className="space-y-3">
            <h2 id="withdraw" className="text-lg font-semibold">
              {t(p.status === "published" ? "withdrawTitle" : "cancelTitle")}
            </h2>
            <WithdrawForm slug={scope.slug} proposalId={p.id} published={p.status === "published"} />
          </section>
        ) : null}
      </div>
    </ClientMessages>
  );
}

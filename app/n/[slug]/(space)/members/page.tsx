import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { HelpTagsForm } from "@/components/membership/help-tags-form";
import { LeaveForm, MemberActions } from "@/components/membership/member-actions";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { can } from "@/lib/membership/policy";
import { findOwnHelpTags, listMembers } from "@/lib/membership/queries";
import { decodeCursor } from "@/lib/cursor";
import { requireMemberPage } from "@/lib/membership/scope";
import { ClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("members"))("title") };
}

export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ after?: string }>;
}) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/members`, "members.view");
  const { after } = await searchParams;
  const mayHelp = can(scope.role, "membership.help_tags");
  const [{ items, next }, own, locale] = await Promise.all([
    listMembers(scope, decodeCursor(after)),
    // The vocabulary names the directory's tags too, for everyone who reads it.
    findOwnHelpTags(scope),
    getLocale(),
  ]);
  const t = await getTranslations("members");
  const tr = await getTranslations("roles");
  const format = await getFormatter();
  const manage = can(scope.role, "members.change_role");
  const labelOf = new Map(own.vocabulary.map((tag) => [tag.slug, locale === "nl" ? tag.labelNl : tag.labelEn]));
  return (
    <ClientMessages namespaces={["members"]}>
      <div className="space-y-6">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        {mayHelp ? (
          <section aria-labelledby="help-tags" className={`${cardClass} space-y-2`}>
            <h2 id="help-tags" className="text-lg font-semibold">
              {t("helpTagsTitle")}
            </h2>
            <p className="text-sm text-muted">{t("helpTagsIntro")}</p>
            <HelpTagsForm
              slug={scope.slug}
              helpTags={own.helpTags}
              vocabulary={own.vocabulary.map((tag) => (locale === "nl" ? tag.labelNl : tag.labelEn))}
            />
          </section>
        ) : null}
        <ul className="space-y-3">
          {items.map((m) => (
            <li key={m.membershipId} className={`${cardClass} space-y-2`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-semibold">
                  {m.name || t("unnamed")}
                  {m.isViewer ? <span className="ml-2 text-sm font-normal text-muted">{t("you")}</span> : null}
                </h2>
                <p className="text-sm text-muted">
                  {tr(m.role)} · {t("since", { date: format.dateTime(m.joinedAt, { dateStyle: "medium" }) })}
                </p>
              </div>
              {m.bio ? <p className="whitespace-pre-line text-muted">{m.bio}</p> : null}
              {m.helpTags.length > 0 ? (
                <p className="text-sm" data-testid="member-help-tags">
                  <span className="font-medium">{t("canHelpWith")}</span> {m.helpTags.map((tag) => labelOf.get(tag) ?? tag).join(", ")}
                </p>
              ) : null}
              {manage && !m.isViewer ? (
                <MemberActions slug={slug} membershipId={m.membershipId} role={m.role} name={m.name || t("unnamed")} />
              ) : null}
            </li>
          ))}
        </ul>
        {next ? (
          <Link href={`/n/${slug}/members?after=${next}`} className={buttonClass.secondary}>
            {t("more")}
          </Link>
        ) : null}
        <section aria-labelledby="leave" className={`${cardClass} space-y-2`}>
          <h2 id="leave" className="font-semibold">
            {t("leaveTitle")}
          </h2>
          <p className="text-sm text-muted">{t("leaveHint")}</p>
          <LeaveForm slug={slug} />
        </section>
      </div>
    </ClientMessages>
  );
}

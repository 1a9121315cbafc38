import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { EditInitiativeForm } from "@/components/funding/initiative-form";
import {
  AddMilestoneForm,
  EditMilestoneForm,
  FormDisclosure,
  MilestoneStatusForm,
  MoveMilestoneButtons,
  UpdateForm,
} from "@/components/funding/milestone-forms";
import { PledgeForm, ReleasePledgeForm, WithdrawPledgeForm } from "@/components/funding/pledge-forms";
import { cardClass } from "@/components/ui/styles";
import { formatAmount, formatMoney } from "@/lib/funding/money";
import { isClosed, nextStatuses } from "@/lib/funding/policy";
import { findInitiative, listTeamCandidates, type MilestoneView } from "@/lib/funding/queries";
import { toDateInput } from "@/lib/funding/schema";
import { can } from "@/lib/membership/policy";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";
import { ClientMessages } from "@/components/i18n/client-messages";
import { HideUpdateForm, RestoreUpdateForm } from "@/components/funding/update-moderation";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string; initiativeId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("funding"))("initiative") };
}

function newKey() {
  return randomUUID().replaceAll("-", "");
}

/**
 * One initiative and its growth path: every milestone with what it unlocks, its progress,
 * funded vs needed per currency, its pledges and updates. The team and brokers edit; a
 * funder pledges, and releases or withdraws its own pledges. Every control here is also
 * checked again by its action on the server.
 */
export default async function InitiativePage({ params }: Params) {
  const { slug, initiativeId } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/initiatives/${initiativeId}`, "initiative.view");
  const initiative = await findInitiative(scope, initiativeId);
  if (!initiative) notFound();
  const [t, tu, ta, format, locale, view, candidates] = await Promise.all([
    getTranslations("funding"),
    getTranslations("funding.updateKinds"),
    getTranslations("areas"),
    getFormatter(),
    getLocale(),
    viewNetwork(scope.slug),
    initiative.mayEdit ? listTeamCandidates(scope) : Promise.resolve([]),
  ]);
  const lang = view?.network.locale;
  const money = (amount: bigint, currency: string) => formatMoney(amount, currency, locale);
  const mayPledge = can(scope.role, "pledge.create");
  const mayModerate = can(scope.role, "moderation.hide");
  const count = initiative.milestones.length;

  const milestoneItem = (m: MilestoneView, index: number) => {
    const headingId = `milestone-${m.id}-title`;
    const closed = isClosed(m.status);
    const ownOpen = m.pledges.filter((p) => p.funderId === scope.userId && p.status === "pledged");
    // Inside the page's one <ClientMessages>: a provider per item would repeat the messages and
    // hide the list's keys (issue 16).
    return (
      <li key={m.id} id={`milestone-${m.id}`} aria-labelledby={headingId} className={`${cardClass} space-y-4`}>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 id={headingId} className="text-lg font-semibold" lang={lang}>
            {t("milestoneNumber", { number: index + 1 })} {m.title}
          </h3>
          <span className="rounded-md bg-sand px-2 py-1 text-sm font-medium" data-testid="milestone-status">
            {t(`milestoneStatus.${m.status}`)}
          </span>
        </div>
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">{t("unlocks")}</dt>
          <dd className="whitespace-pre-line" lang={lang}>
            {m.unlocks}
          </dd>
          <dt className="font-medium">{t("targetDate")}</dt>
          <dd>
            {m.targetDate ? (
              <time dateTime={toDateInput(m.targetDate)}>{format.dateTime(m.targetDate, { dateStyle: "long", timeZone: "UTC" })}</time>
            ) : (
              t("noTargetDate")
            )}
          </dd>
          <dt className="font-medium">{t("progress")}</dt>
          <dd>
            <span className="flex items-center gap-3">
              <span aria-hidden="true" className="block h-2 w-40 overflow-hidden rounded bg-sand">
                <span className="block h-2 bg-accent" style={{ width: `${m.progress}%` }} />
              </span>
              <span>{t("percent", { value: m.progress })}</span>
            </span>
          </dd>
          <dt className="font-medium">{t("amountNeeded")}</dt>
          <dd>{money(m.amountNeeded, m.currency)}</dd>
          <dt className="font-medium">{t("funded")}</dt>
          <dd data-testid="milestone-funded">
            {m.funded.length === 0 ? (
              t("nothingPledged")
            ) : (
              <ul>
                {m.funded.map((f) => (
                  <li key={f.currency}>
                    {f.currency === m.currency
                      ? t("fundedOfNeeded", { funded: money(f.amount, f.currency), needed: money(m.amountNeeded, m.currency) })
                      : money(f.amount, f.currency)}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
        {m.needsFunders ? <p className="font-medium text-accent-strong">{t("needsFunders")}</p> : null}
        {m.status === "learned" || m.status === "dropped" ? (
          <div className="rounded-md bg-accent-soft px-3 py-2">
            <p className="font-medium">{m.status === "learned" ? t("lessonLearned") : t("dropReason")}</p>
            <p className="whitespace-pre-line" lang={lang}>
              {m.closingNote}
            </p>
          </div>
        ) : null}

        <section aria-labelledby={`${headingId}-pledges`} className="space-y-2">
          <h4 id={`${headingId}-pledges`} className="font-semibold">
            {t("pledges")}
          </h4>
          {m.pledges.length === 0 ? (
            <p className="text-muted">{t("noPledges")}</p>
          ) : (
            <ul className="space-y-2">
              {m.pledges.map((p) => {
                const own = p.funderId === scope.userId;
                return (
                  <li key={p.id} className="space-y-2 rounded-md border border-line p-3" data-testid="pledge">
                    <p>
                      {t("pledgeLine", {
                        funder: own ? t("you") : (p.funderName ?? t("someone")),
                        amount: money(p.amount, p.currency),
                        status: t(`pledgeStatus.${p.status}`),
                      })}
                    </p>
                    {p.condition ? <p className="text-sm">{t("conditionShown", { condition: p.condition })}</p> : null}
                    {p.status === "withdrawn" && p.withdrawReason ? (
                      <p className="text-sm">{t("withdrawnBecause", { reason: p.withdrawReason })}</p>
                    ) : null}
                    {own && p.status === "pledged" && m.status === "reached" ? (
                      <ReleasePledgeForm slug={scope.slug} pledgeId={p.id} label={t("release", { amount: money(p.amount, p.currency) })} />
                    ) : null}
                    {own && p.status === "pledged" ? (
                      <FormDisclosure summary={t("withdrawTitle")}>
                        <WithdrawPledgeForm slug={scope.slug} pledgeId={p.id} />
                      </FormDisclosure>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
          {mayPledge && !closed && initiative.status !== "ended" ? (
            <FormDisclosure summary={ownOpen.length ? t("pledgeMore") : t("pledgeTitle")}>
              <PledgeForm slug={scope.slug} milestoneId={m.id} currency={m.currency} idempotencyKey={newKey()} />
            </FormDisclosure>
          ) : null}
        </section>

        {initiative.mayEdit ? (
          <section aria-label={t("milestoneControls", { title: m.title })} className="space-y-3">
            <MoveMilestoneButtons slug={scope.slug} milestoneId={m.id} title={m.title} first={index === 0} last={index === count - 1} />
            {closed ? null : (
              <>
                <FormDisclosure summary={t("editMilestone")}>
                  <EditMilestoneForm
                    slug={scope.slug}
                    milestoneId={m.id}
                    initial={{
                      title: m.title,
                      unlocks: m.unlocks,
                      targetDate: toDateInput(m.targetDate),
                      amount: formatAmount(m.amountNeeded, m.currency, locale),
                      currency: m.currency,
                    }}
                  />
                </FormDisclosure>
                <FormDisclosure summary={t("changeStatus")}>
                  <MilestoneStatusForm slug={scope.slug} milestoneId={m.id} options={nextStatuses(m.status)} />
                </FormDisclosure>
              </>
            )}
            <FormDisclosure summary={t("postUpdate")}>
              <UpdateForm slug={scope.slug} milestoneId={m.id} idempotencyKey={newKey()} progress={m.progress} />
            </FormDisclosure>
          </section>
        ) : null}

        <section aria-labelledby={`${headingId}-updates`} className="space-y-2">
          <h4 id={`${headingId}-updates`} className="font-semibold">
            {t("updates")}
          </h4>
          {m.updates.length === 0 ? (
            <p className="text-muted">{t("noUpdates")}</p>
          ) : (
            <ul className="space-y-3">
              {m.updates.map((u) => (
                <li key={u.id} className="space-y-1 border-l-4 border-line pl-3">
                  <p className="text-sm text-muted">
                    {tu(u.kind)}
                    {u.progress !== null ? ` · ${t("percent", { value: u.progress })}` : ""}
                    {u.area ? ` · ${ta(u.area)}` : ""} · {u.authorName ?? t("someone")} ·{" "}
                    <time dateTime={u.createdAt.toISOString()}>{format.dateTime(u.createdAt, { dateStyle: "medium" })}</time>
                  </p>
                  {u.hidden ? (
                    <p role="note" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
                      {t("updateHidden", { reason: u.hiddenReason })}
                    </p>
                  ) : null}
                  {u.html ? <Markdown html={u.html} lang={lang} /> : null}
                  {mayModerate ? (
                    u.hidden ? (
                      <RestoreUpdateForm slug={scope.slug} updateId={u.id} label={t("restoreUpdate")} />
                    ) : (
                      <HideUpdateForm
                        slug={scope.slug}
                        updateId={u.id}
                        summaryLabel={t("hideUpdateNamed", {
                          name: u.authorName ?? t("someone"),
                          date: format.dateTime(u.createdAt, { dateStyle: "medium" }),
                        })}
                        submit={t("hideUpdateSubmit")}
                      />
                    )
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </li>
    );
  };

  return (
    <ClientMessages namespaces={["areas", "errors", "funding", "moderation", "validation"]}>
      <div className="space-y-6">
        <div className="space-y-1">
          <p className="text-muted">
            <Link href={`/n/${scope.slug}/initiatives`}>{t("title")}</Link>
          </p>
          <h1 className="text-2xl font-semibold" lang={lang}>
            {initiative.name}
          </h1>
          <p>{t("statusShown", { status: t(`initiativeStatus.${initiative.status}`) })}</p>
        </div>

        <section aria-labelledby="about" className={`${cardClass} space-y-3`}>
          <h2 id="about" className="text-lg font-semibold">
            {t("about")}
          </h2>
          <p className="whitespace-pre-line" lang={lang}>
            {initiative.description}
          </p>
          <h3 className="font-semibold">{t("systemChange")}</h3>
          <p className="whitespace-pre-line" lang={lang}>
            {initiative.systemChange}
          </p>
          <h3 className="font-semibold">{t("team")}</h3>
          {initiative.team.length === 0 ? <p className="text-muted">{t("noTeam")}</p> : <p>{initiative.team.map((m) => m.name).join(", ")}</p>}
          {initiative.mayEdit ? (
            <FormDisclosure summary={t("editInitiative")}>
              <EditInitiativeForm
                slug={scope.slug}
                candidates={candidates}
                initiative={{
                  id: initiative.id,
                  name: initiative.name,
                  description: initiative.description,
                  systemChange: initiative.systemChange,
                  status: initiative.status,
                  team: initiative.team.map((m) => m.userId),
                }}
              />
            </FormDisclosure>
          ) : null}
        </section>

        <section aria-labelledby="growth-path" className="space-y-4">
          <div className="space-y-1">
            <h2 id="growth-path" className="text-xl font-semibold">
              {t("growthPath")}
            </h2>
            <p className="text-muted">{t("growthPathIntro")}</p>
          </div>
          {count === 0 ? <p className="text-muted">{t("noMilestones")}</p> : <ol className="space-y-4">{initiative.milestones.map(milestoneItem)}</ol>}
          {initiative.mayEdit ? (
            <div className={cardClass}>
              <FormDisclosure summary={t("addMilestone")}>
                <AddMilestoneForm slug={scope.slug} initiativeId={initiative.id} />
              </FormDisclosure>
            </div>
          ) : null}
        </section>
      </div>
    </ClientMessages>
  );
}

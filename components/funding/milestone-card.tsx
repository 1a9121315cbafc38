import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { MilestoneNeeds } from "@/components/exchange/milestone-needs";
import { HarvestMentions } from "@/components/harvests/harvest-mentions";
import { cardClass } from "@/components/ui/styles";
import { formatAmount, formatMoney } from "@/lib/funding/money";
import { isClosed, isOverdue, nextStatuses } from "@/lib/funding/policy";
import type { InitiativePage, MilestoneNeed, MilestoneView } from "@/lib/funding/queries";
import { toDateInput } from "@/lib/funding/schema";
import { newKey } from "./idempotency-key";
import { EditMilestoneForm, FormDisclosure, MilestoneStatusForm, MoveMilestoneButtons, UpdateForm } from "./milestone-forms";
import { FindSupportLink, stageChoice } from "@/components/support/milestone-support";
import { MilestonePledges } from "./milestone-pledges";
import { MilestoneUpdates } from "./milestone-updates";
import { ShareWithCommons } from "@/components/sharing/share-state";
import type { ShareState } from "@/lib/sharing/queries";

export type MilestoneShare = { states: Map<string, ShareState>; mayPropose: boolean };

/**
 * One milestone of the growth path, as an item of the page's list: what it unlocks, its target
 * date, progress and funding per currency, its closing note, its pledges, the team's controls and
 * its updates. It renders inside the page's one <ClientMessages>: a provider per item would repeat
 * the messages and hide the list's keys (issue 16).
 */
export async function MilestoneCard({
  slug,
  userId,
  page,
  milestone: m,
  index,
  last,
  needs,
  mayPost,
  share,
  lang,
}: {
  slug: string;
  userId: string;
  page: InitiativePage;
  milestone: MilestoneView;
  index: number;
  last: boolean;
  /** Its open requests (decision 041). */
  needs: { total: number; requests: MilestoneNeed[] } | undefined;
  mayPost: boolean;
  share: MilestoneShare;
  lang?: string;
}) {
  const [t, format, locale] = await Promise.all([getTranslations("funding"), getFormatter(), getLocale()]);
  const money = (amount: bigint, currency: string) => formatMoney(amount, currency, locale);
  const headingId = `milestone-${m.id}-title`;
  const closed = isClosed(m.status);
  const overdue = isOverdue(m, new Date());
  return (
    <li id={`milestone-${m.id}`} aria-labelledby={headingId} className={`${cardClass} space-y-4`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={headingId} className="text-lg font-semibold" lang={lang}>
          {t("milestoneNumber", { number: index + 1 })} {m.title}
        </h3>
        <span className="flex flex-wrap gap-2">
          <span className="rounded-md bg-sand px-2 py-1 text-sm font-medium" data-testid="milestone-status">
            {t(`milestoneStatus.${m.status}`)}
          </span>
          {overdue ? (
            <span className="rounded-md bg-danger-soft px-2 py-1 text-sm font-medium text-danger" data-testid="milestone-overdue">
              {t("overdue")}
            </span>
          ) : null}
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
      {closed ? null : <FindSupportLink slug={slug} stage={m.stage} title={m.title} />}
      {m.status === "learned" || m.status === "dropped" ? (
        <div className="rounded-md bg-accent-soft px-3 py-2">
          <p className="font-medium">{m.status === "learned" ? t("lessonLearned") : t("dropReason")}</p>
          <p className="whitespace-pre-line" lang={lang}>
            {m.closingNote}
          </p>
        </div>
      ) : null}
      {closed ? (
        <ShareWithCommons slug={slug} kind="milestone_outcome" sourceId={m.id} what={m.title} state={share.states.get(m.id)} mayPropose={share.mayPropose} />
      ) : null}

      <MilestoneNeeds
        slug={slug}
        milestoneId={m.id}
        headingId={`${headingId}-needs`}
        needs={needs}
        mayPost={mayPost}
        mayAsk={page.may.edit && !closed}
        lang={lang}
      />

      <MilestonePledges
        slug={slug}
        userId={userId}
        milestone={m}
        headingId={`${headingId}-pledges`}
        mayPledge={page.may.pledge && !closed && page.initiative.status !== "ended"}
      />

      {page.may.edit ? (
        <section aria-label={t("milestoneControls", { title: m.title })} className="space-y-3">
          <MoveMilestoneButtons slug={slug} milestoneId={m.id} title={m.title} first={index === 0} last={last} />
          {closed ? null : (
            <>
              <FormDisclosure summary={t("editMilestone")}>
                <EditMilestoneForm
                  slug={slug}
                  milestoneId={m.id}
                  initial={{
                    title: m.title,
                    unlocks: m.unlocks,
                    targetDate: toDateInput(m.targetDate),
                    amount: formatAmount(m.amountNeeded, m.currency, locale),
                    currency: m.currency,
                    stage: m.stage ?? "",
                  }}
                  stage={await stageChoice()}
                />
              </FormDisclosure>
              <FormDisclosure summary={t("changeStatus")}>
                <MilestoneStatusForm slug={slug} milestoneId={m.id} options={nextStatuses(m.status)} />
              </FormDisclosure>
            </>
          )}
          <FormDisclosure summary={t("postUpdate")}>
            <UpdateForm slug={slug} milestoneId={m.id} idempotencyKey={newKey()} progress={m.progress} />
          </FormDisclosure>
        </section>
      ) : null}

      <HarvestMentions slug={slug} mentions={m.evidence} kind="evidence" />
      <MilestoneUpdates slug={slug} updates={m.updates} headingId={`${headingId}-updates`} mayModerate={page.may.moderate} lang={lang} />
    </li>
  );
}

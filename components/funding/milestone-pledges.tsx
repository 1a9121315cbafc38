import { getLocale, getTranslations } from "next-intl/server";
import { formatMoney } from "@/lib/funding/money";
import type { MilestoneView } from "@/lib/funding/queries";
import { newKey } from "./idempotency-key";
import { FormDisclosure } from "./milestone-forms";
import { PledgeForm, ReleasePledgeForm, WithdrawPledgeForm } from "./pledge-forms";

/**
 * A milestone's pledges: who pledged what (the viewer's own as "you"), with conditions and
 * withdrawal reasons; the funder who made a pledge releases it once the milestone is reached or
 * withdraws it before; a funder pledges (more) while the milestone is open.
 */
export async function MilestonePledges({
  slug,
  userId,
  milestone: m,
  headingId,
  mayPledge,
}: {
  slug: string;
  userId: string;
  milestone: MilestoneView;
  headingId: string;
  mayPledge: boolean;
}) {
  const [t, locale] = await Promise.all([getTranslations("funding"), getLocale()]);
  const money = (amount: bigint, currency: string) => formatMoney(amount, currency, locale);
  const ownOpen = m.pledges.some((p) => p.funderId === userId && p.status === "pledged");
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h4 id={headingId} className="font-semibold">
        {t("pledges")}
      </h4>
      {m.pledges.length === 0 ? (
        <p className="text-muted">{t("noPledges")}</p>
      ) : (
        <ul className="space-y-2">
          {m.pledges.map((p) => {
            const own = p.funderId === userId;
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
                  <ReleasePledgeForm slug={slug} pledgeId={p.id} label={t("release", { amount: money(p.amount, p.currency) })} />
                ) : null}
                {own && p.status === "pledged" ? (
                  <FormDisclosure summary={t("withdrawTitle")}>
                    <WithdrawPledgeForm slug={slug} pledgeId={p.id} />
                  </FormDisclosure>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {mayPledge ? (
        <FormDisclosure summary={ownOpen ? t("pledgeMore") : t("pledgeTitle")}>
          <PledgeForm slug={slug} milestoneId={m.id} currency={m.currency} idempotencyKey={newKey()} />
        </FormDisclosure>
      ) : null}
    </section>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { MilestoneNeed } from "@/lib/funding/queries";

/**
 * What one milestone needs besides money (decision 041): its open requests (the newest five, and
 * how many there are), and "offer help", which opens a new offer linked to this milestone. The team
 * sees "ask for help" when nothing is asked yet. Part of the milestone's card on the growth path.
 */
export async function MilestoneNeeds({
  slug,
  milestoneId,
  headingId,
  needs,
  mayPost,
  mayAsk,
  lang,
}: {
  slug: string;
  milestoneId: string;
  headingId: string;
  needs: { total: number; requests: MilestoneNeed[] } | undefined;
  /** The viewer may post offers and requests (members and brokers). */
  mayPost: boolean;
  /** The viewer is on the team (or a broker) and the milestone is still running. */
  mayAsk: boolean;
  lang?: string;
}) {
  if (!needs && !(mayPost && mayAsk)) return null;
  const [t, te] = await Promise.all([getTranslations("matching"), getTranslations("exchange")]);
  if (!needs) {
    return (
      <p className="text-sm">
        <Link href={`/n/${slug}/exchange/new?direction=request&milestone=${milestoneId}`} className="underline">
          {t("askForHelp")}
        </Link>
      </p>
    );
  }
  return (
    <section aria-labelledby={headingId} className="space-y-2" data-testid="milestone-needs">
      <h4 id={headingId} className="font-semibold">
        {t("needsTitle", { count: needs.total })}
      </h4>
      <ul className="space-y-1">
        {needs.requests.map((r) => (
          <li key={r.id}>
            <Link href={`/n/${slug}/exchange/${r.id}`} className="underline" lang={lang}>
              {r.title}
            </Link>{" "}
            <span className="text-sm text-muted">
              · {te(`capital.${r.capital}`)}
              {r.status === "in_progress" ? ` · ${te("status.in_progress")}` : null}
              {r.town ? ` · ${r.town}` : null}
            </span>
          </li>
        ))}
      </ul>
      {needs.total > needs.requests.length ? <p className="text-sm text-muted">{t("moreNeeds", { count: needs.total - needs.requests.length })}</p> : null}
      {mayPost ? (
        <p className="text-sm">
          <Link href={`/n/${slug}/exchange/new?direction=offer&milestone=${milestoneId}`} className="underline font-medium">
            {t("offerHelp")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

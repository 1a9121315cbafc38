import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateInvitationForm, RevokeInvitationForm } from "@/components/membership/invitation-forms";
import { cardClass } from "@/components/ui/styles";
import { invitationState } from "@/lib/membership/invitations";
import { listInvitations } from "@/lib/membership/queries";
import { requireMemberPage } from "@/lib/membership/scope";
import { ClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invitations"))("title") };
}

export default async function InvitationsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/invitations`, "invitations.manage");
  const invitations = await listInvitations(scope);
  const t = await getTranslations("invitations");
  const tr = await getTranslations("roles");
  const format = await getFormatter();
  const now = new Date();
  return (
    <ClientMessages namespaces={["invitations"]}>
      <div className="space-y-6">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <section aria-labelledby="new-invitation" className={`${cardClass} space-y-3`}>
          <h2 id="new-invitation" className="font-semibold">
            {t("newTitle")}
          </h2>
          <p className="text-sm text-muted">{t("intro")}</p>
          <CreateInvitationForm slug={slug} />
        </section>
        <section aria-labelledby="recent-invitations" className="space-y-3">
          <h2 id="recent-invitations" className="font-semibold">
            {t("recent")}
          </h2>
          {invitations.length === 0 ? <p className="text-muted">{t("none")}</p> : null}
          <ul className="space-y-2">
            {invitations.map((inv) => {
              const state = invitationState(inv, now);
              return (
                <li key={inv.id} className={`${cardClass} flex flex-wrap items-center justify-between gap-3`}>
                  <div>
                    <p className="font-medium">
                      {tr(inv.role)} · {t(`state.${state}`)}
                    </p>
                    {inv.email ? <p className="text-sm break-all">{t("sentTo", { email: inv.email })}</p> : null}
                    <p className="text-sm text-muted">
                      {inv.note ? `${inv.note} · ` : ""}
                      {t("expires", { date: format.dateTime(inv.expiresAt, { dateStyle: "medium", timeStyle: "short" }) })}
                    </p>
                  </div>
                  {state === "valid" ? <RevokeInvitationForm slug={slug} invitationId={inv.id} /> : null}
                </li>
              );
            })}
          </ul>
        </section>
      </div>
    </ClientMessages>
  );
}

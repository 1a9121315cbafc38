import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AcceptInvitationForm } from "@/components/membership/join-forms";
import { PrinciplesList } from "@/components/networks/principles";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { getViewer } from "@/lib/auth/session";
import { invitationState } from "@/lib/membership/invitations";
import { findInvitation } from "@/lib/membership/queries";
import { findNetworkWithViewer } from "@/lib/networks/queries";
import { canSeeNetwork } from "@/lib/networks/policy";
import { ClientMessages } from "@/components/i18n/client-messages";
import { NetworkPurpose } from "@/components/networks/network-purpose";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { robots: { index: false } };

/**
 * An invitation link. It reaches private networks too, so without a real
 * invitation an invisible network is a plain 404. A real but spent link gets a
 * clear page saying why.
 */
export default async function InvitationPage({ params }: { params: Promise<{ slug: string; token: string }> }) {
  const { slug, token } = await params;
  const viewer = await getViewer();
  const found = await findNetworkWithViewer(slug, viewer?.id ?? null);
  if (!found) notFound();
  const { network, membership } = found;
  const invitation = token.length >= 16 && token.length <= 128 ? await findInvitation(network.id, token) : null;
  const visible = canSeeNetwork(network.visibility, membership?.status === "active");
  if (!invitation && !visible) notFound();
  const t = await getTranslations("invite");
  const state = invitation ? invitationState(invitation) : "invalid";
  const returnPath = `/n/${slug}/invite/${token}`;

  return (
    <ClientMessages namespaces={["join"]}>
      <div className={`${cardClass} mx-auto max-w-2xl space-y-5`}>
        <h1 className="text-2xl font-semibold">
          {t("title")}: <span lang={network.locale}>{network.name}</span>
        </h1>
        {state !== "valid" ? (
          <>
            <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-danger">
              {t(`state.${state}`)}
            </p>
            <p>{t("askBroker")}</p>
            {visible ? (
              <Link href={`/n/${slug}`} className={buttonClass.secondary}>
                {t("toNetwork")}
              </Link>
            ) : null}
          </>
        ) : membership?.status === "active" ? (
          <>
            <p role="status">{t("alreadyMember")}</p>
            <Link href={`/n/${slug}`} className={buttonClass.primary}>
              {t("toNetwork")}
            </Link>
          </>
        ) : (
          <>
            <p>{t("intro", { role: invitation!.role })}</p>
            <NetworkPurpose purpose={network.purpose} lang={network.locale} />
            <section aria-labelledby="principles" className="space-y-2">
              <h2 id="principles" className="text-lg font-semibold">
                {t("principles")}
              </h2>
              <PrinciplesList principles={network.principles} lang={network.locale} />
            </section>
            {viewer ? (
              <AcceptInvitationForm slug={slug} token={token} />
            ) : (
              <Link href={`/signin?callbackUrl=${encodeURIComponent(returnPath)}`} className={buttonClass.primary}>
                {t("signInToAccept")}
              </Link>
            )}
          </>
        )}
      </div>
    </ClientMessages>
  );
}

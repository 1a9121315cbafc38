import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UndoUnsubscribeForm } from "@/components/accounts/undo-unsubscribe-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { findUnsubscribeState } from "@/lib/accounts/queries";
import { verifyUnsubscribeToken } from "@/lib/mail/token";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("unsubscribe"))("title") };
}

type Search = { searchParams: Promise<{ status?: string; token?: string; previous?: string }> };

/**
 * Where an unsubscribe link lands (app/email/unsubscribe/[token]/route.ts turned the email off
 * already): what was turned off, an undo, and the settings. Reads only; the token decides whose.
 */
export default async function UnsubscribedPage({ searchParams }: Search) {
  const { status, token, previous } = await searchParams;
  const t = await getTranslations("unsubscribe");
  const verified = status === "off" && token ? verifyUnsubscribeToken(token) : null;
  const scope = verified && !("expired" in verified) ? verified : null;
  const state = scope ? await findUnsubscribeState(scope) : null;
  const message = state
    ? state.network
      ? t("offNetwork", { network: state.network })
      : t("offAll")
    : status === "expired"
      ? t("expired")
      : t("invalid");
  return (
    <ClientMessages namespaces={["unsubscribe"]}>
      <div className={`${cardClass} mx-auto max-w-xl space-y-4`}>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p role="status" data-testid="unsubscribe-status">
          {message}
        </p>
        {state && token ? (
          <UndoUnsubscribeForm token={token} previous={previous && /^(immediate|daily|weekly)$/.test(previous) ? previous : ""} />
        ) : null}
        <p>
          <Link href="/profile#email" className={buttonClass.secondary}>
            {t("settings")}
          </Link>
        </p>
      </div>
    </ClientMessages>
  );
}

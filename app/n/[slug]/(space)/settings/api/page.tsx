import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ApiTokenControls, CreateApiTokenForm } from "@/components/api/token-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { cardClass } from "@/components/ui/styles";
import { tokenState } from "@/lib/api/policy";
import { listApiTokens } from "@/lib/api/queries";
import { requireMemberPage } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("api.tokens"))("title") };
}

/** The network's read API tokens (decision 047): brokers make, rotate and revoke them; a token is shown once. */
export default async function ApiTokensPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/settings/api`, "api.tokens");
  const [tokens, t, format] = await Promise.all([listApiTokens(scope), getTranslations("api.tokens"), getFormatter()]);
  const now = new Date();
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  return (
    <ClientMessages namespaces={["api"]}>
      <div className="max-w-2xl space-y-6">
        <section aria-labelledby="api-tokens" className={`${cardClass} space-y-3`}>
          <h1 id="api-tokens" className="text-xl font-semibold">
            {t("title")}
          </h1>
          <p>{t("intro")}</p>
          <p>
            <Link href="/api/docs" className="underline">
              {t("docsLink")}
            </Link>
          </p>
        </section>
        <section aria-labelledby="api-token-new" className={`${cardClass} space-y-3`}>
          <h2 id="api-token-new" className="text-lg font-semibold">
            {t("createTitle")}
          </h2>
          <CreateApiTokenForm slug={scope.slug} />
        </section>
        <section aria-labelledby="api-token-list" className={`${cardClass} space-y-3`}>
          <h2 id="api-token-list" className="text-lg font-semibold">
            {t("listTitle")}
          </h2>
          <p className="text-sm text-muted">{t("idleNote")}</p>
          {tokens.length === 0 ? (
            <p className="text-muted">{t("none")}</p>
          ) : (
            <ul className="divide-y divide-line" data-testid="api-token-list">
              {tokens.map((token) => {
                const state = tokenState(token, now);
                return (
                  <li key={token.id} className="space-y-2 py-3">
                    <h3 className="font-semibold">{token.name}</h3>
                    <p className="text-sm">
                      <strong>{t(`state.${state}`)}</strong> · {t("prefix")} <code>kring_{token.prefix}_</code>
                    </p>
                    <p className="text-sm text-muted">
                      {token.scopes.map((s) => t(`scopeNames.${s}`)).join("; ")}
                    </p>
                    <p className="text-sm text-muted">
                      {t("created", { date: day(token.createdAt) })} · {t("expires", { date: day(token.expiresAt) })} ·{" "}
                      {token.lastUsedAt ? t("lastUsed", { date: day(token.lastUsedAt) }) : t("neverUsed")}
                    </p>
                    {state === "active" || state === "idle" ? <ApiTokenControls slug={scope.slug} tokenId={token.id} name={token.name} /> : null}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>
    </ClientMessages>
  );
}

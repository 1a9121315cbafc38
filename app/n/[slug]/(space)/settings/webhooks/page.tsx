import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { cardClass } from "@/components/ui/styles";
import { CreateWebhookForm, ResendDeliveryForm, WebhookControls } from "@/components/webhooks/endpoint-forms";
import { requireMemberPage } from "@/lib/membership/scope";
import { eventType } from "@/lib/webhooks/limits";
import { loadWebhooksPage } from "@/lib/webhooks/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks"))("title") };
}

/** The network's webhooks (decision 050): brokers register addresses, see the delivery log and send again. */
export default async function WebhooksPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ before?: string | string[] }> }) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const scope = await requireMemberPage(slug, `/n/${slug}/settings/webhooks`, "webhooks.manage");
  const before = typeof query.before === "string" ? query.before : undefined;
  const [{ endpoints, deliveries, next }, t, format] = await Promise.all([loadWebhooksPage(scope, before), getTranslations("webhooks"), getFormatter()]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  const moment = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const labelOf = new Map(endpoints.map((e) => [e.id, e.description || e.url]));
  return (
    <ClientMessages namespaces={["webhooks"]}>
      <div className="max-w-2xl space-y-6">
        <section aria-labelledby="webhooks-title" className={`${cardClass} space-y-3`}>
          <h1 id="webhooks-title" className="text-xl font-semibold">
            {t("title")}
          </h1>
          <p>{t("intro")}</p>
          <p className="text-sm text-muted">{t("verifyNote")}</p>
        </section>
        <section aria-labelledby="webhooks-new" className={`${cardClass} space-y-3`}>
          <h2 id="webhooks-new" className="text-lg font-semibold">
            {t("createTitle")}
          </h2>
          <CreateWebhookForm slug={scope.slug} />
        </section>
        <section aria-labelledby="webhooks-list" className={`${cardClass} space-y-3`}>
          <h2 id="webhooks-list" className="text-lg font-semibold">
            {t("listTitle")}
          </h2>
          {endpoints.length === 0 ? (
            <p className="text-muted">{t("none")}</p>
          ) : (
            <ul className="divide-y divide-line" data-testid="webhook-list">
              {endpoints.map((e) => {
                const state = e.disabledAt
                  ? e.disabledReason === "failing"
                    ? t("state.offFailing", { date: day(e.disabledAt) })
                    : t("state.off")
                  : e.failingSince
                    ? t("state.failing", { date: moment(e.failingSince) })
                    : t("state.on");
                return (
                  <li key={e.id} className="space-y-2 py-3">
                    <h3 className="font-semibold break-all">{e.description || e.url}</h3>
                    {e.description ? <p className="text-sm break-all">{e.url}</p> : null}
                    <p className="text-sm">
                      <strong>{state}</strong> · {t("created", { date: day(e.createdAt) })}
                    </p>
                    <p className="text-sm text-muted">{e.events.map((event) => eventType(event)).join(", ")}</p>
                    <WebhookControls slug={scope.slug} endpointId={e.id} label={e.description || e.url} enabled={!e.disabledAt} />
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <section aria-labelledby="webhooks-log" className={`${cardClass} space-y-3`}>
          <h2 id="webhooks-log" className="text-lg font-semibold">
            {t("logTitle")}
          </h2>
          <p className="text-sm text-muted">{t("logIntro")}</p>
          {deliveries.length === 0 ? (
            <p className="text-muted">{t("logNone")}</p>
          ) : (
            <ol className="divide-y divide-line" data-testid="webhook-log">
              {deliveries.map((d) => {
                const endpoint = labelOf.get(d.endpointId) ?? "";
                const what = `${eventType(d.eventType)} ${t("to", { endpoint })}`;
                return (
                  <li key={d.id} className="space-y-1 py-3">
                    <p className="break-all">
                      <strong>{t(`status.${d.status}`)}</strong> · <code>{eventType(d.eventType)}</code> {t("to", { endpoint })}
                    </p>
                    <p className="text-sm text-muted">
                      {t("queuedAt", { date: moment(d.createdAt) })} · {t("attempts", { count: d.attempts })}
                      {d.attempts > 0 ? ` · ${t("lastAnswer", { status: d.lastStatus === null ? t("noAnswer") : String(d.lastStatus) })}` : ""}
                    </p>
                    {d.deliveredAt ? <p className="text-sm">{t("deliveredAt", { date: moment(d.deliveredAt) })}</p> : null}
                    {d.status !== "delivered" && d.lastError ? <p className="text-sm break-all">{t("why", { error: d.lastError })}</p> : null}
                    {d.status === "pending" && d.nextAttemptAt ? <p className="text-sm">{t("nextAttempt", { date: moment(d.nextAttemptAt) })}</p> : null}
                    {/* Mounted while waiting too: a delivery just sent again waits, and the form keeps saying so. */}
                    <ResendDeliveryForm slug={scope.slug} deliveryId={d.id} label={what} finished={d.status !== "pending"} />
                  </li>
                );
              })}
            </ol>
          )}
          <nav aria-label={t("logTitle")} className="flex flex-wrap gap-4">
            {before ? (
              <Link href={`/n/${scope.slug}/settings/webhooks#webhooks-log`} className="underline">
                {t("logNewest")}
              </Link>
            ) : null}
            {next ? (
              <Link href={`/n/${scope.slug}/settings/webhooks?before=${encodeURIComponent(next)}#webhooks-log`} className="underline">
                {t("logOlder")}
              </Link>
            ) : null}
          </nav>
        </section>
      </div>
    </ClientMessages>
  );
}

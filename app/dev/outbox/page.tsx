import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import { env } from "@/lib/env";
import { listOutbox } from "@/lib/mail/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Outbox", robots: { index: false } };

/**
 * Development and test only: the messages Kring would have emailed, the newest 50, or only those
 * to one address (`?to=`, as the end-to-end tests read a person's mail). In production this page
 * does not exist (404), whatever the request.
 */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ to?: string | string[] }> }) {
  if (!env().outboxEnabled) notFound();
  const { to } = await searchParams;
  const t = await getTranslations("outbox");
  const format = await getFormatter();
  const mails = await listOutbox({ to: typeof to === "string" && to ? to.slice(0, 320) : undefined });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-muted">{t("intro")}</p>
      {mails.length === 0 ? <p>{t("empty")}</p> : null}
      <ol className="space-y-4">
        {mails.map((m) => (
          <li key={m.id} className={cardClass} data-testid="outbox-message">
            <p className="text-sm text-muted">
              {t("to")}: <span data-testid="outbox-to">{m.to}</span> ·{" "}
              <time dateTime={m.createdAt.toISOString()}>{format.dateTime(m.createdAt, { dateStyle: "medium", timeStyle: "medium" })}</time>
            </p>
            <h2 className="font-semibold">{m.subject}</h2>
            <details className="mt-2 text-sm">
              <summary>{t("headers")}</summary>
              <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 break-all" data-testid="outbox-headers">
                {Object.entries((m.headers ?? {}) as Record<string, string>).map(([name, value]) => (
                  <div key={name} className="contents">
                    <dt className="font-medium">{name}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            </details>
            <details className="mt-2 text-sm">
              <summary>{t("rendered")}</summary>
              {/* As the recipient's mail client shows it: sandboxed, no scripts, no same-origin access. */}
              <iframe title={t("rendered")} sandbox="" srcDoc={m.html} className="mt-1 h-96 w-full rounded-md border border-line bg-white" />
            </details>
            <pre className="mt-2 whitespace-pre-wrap break-all font-sans text-sm">
              {m.text.split(/(https?:\/\/\S+)/).map((part, i) =>
                /^https?:\/\//.test(part) ? (
                  <a key={i} href={part} className="underline" data-testid="outbox-link">
                    {part}
                  </a>
                ) : (
                  part
                ),
              )}
            </pre>
          </li>
        ))}
      </ol>
    </div>
  );
}

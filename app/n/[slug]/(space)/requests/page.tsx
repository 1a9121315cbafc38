import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ReviewRequest } from "@/components/membership/review-request";
import { cardClass } from "@/components/ui/styles";
import { listPendingRequests } from "@/lib/membership/queries";
import { requireMemberPage } from "@/lib/membership/scope";
import { ClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("requests"))("title") };
}

export default async function RequestsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/requests`, "requests.review");
  const requests = await listPendingRequests(scope);
  const t = await getTranslations("requests");
  const format = await getFormatter();
  return (
    <ClientMessages namespaces={["requests"]}>
      <div className="space-y-6">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        {requests.length === 0 ? <p className="text-muted">{t("empty")}</p> : null}
        <ul className="space-y-3">
          {requests.map((r) => (
            <li key={r.membershipId} className={`${cardClass} space-y-2`}>
              <h2 className="text-lg font-semibold">{r.name || r.email}</h2>
              <p className="text-sm text-muted">
                {r.email} · {format.dateTime(r.requestedAt, { dateStyle: "medium", timeStyle: "short" })}
              </p>
              {r.message ? (
                <blockquote className="whitespace-pre-line border-l-4 border-line pl-3">{r.message}</blockquote>
              ) : (
                <p className="text-sm text-muted">{t("noMessage")}</p>
              )}
              <ReviewRequest slug={slug} membershipId={r.membershipId} />
            </li>
          ))}
        </ul>
      </div>
    </ClientMessages>
  );
}

import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { PostForm } from "@/components/exchange/post-form";
import { cardClass } from "@/components/ui/styles";
import { EXPIRY_DEFAULT_DAYS } from "@/lib/exchange/limits";
import { loadPostForm } from "@/lib/exchange/queries";
import { toLocal } from "@/lib/gatherings/recurrence";
import { requireMemberPage } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

const DAY = 86_400_000;

/** The default expiry, 60 days from today, as a date input shows it in `zone`. */
function defaultExpiry(zone: string): string {
  return toLocal(new Date(Date.now() + EXPIRY_DEFAULT_DAYS * DAY), zone).slice(0, 10);
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exchange"))("newTitle") };
}

/**
 * A member posts an offer or a request (`?direction=offer|request` picks the first choice;
 * `?milestone=<id>`, from a milestone's "offer help" or "ask", links it to that milestone).
 */
export default async function NewPostPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ direction?: string; milestone?: string }>;
}) {
  const { slug } = await params;
  const { direction, milestone } = await searchParams;
  const scope = await requireMemberPage(slug, `/n/${slug}/exchange/new`, "exchange.post");
  const [form, t, locale] = await Promise.all([loadPostForm(scope, null), getTranslations("exchange"), getLocale()]);
  return (
    <ClientMessages namespaces={["exchange"]}>
      <div className="max-w-3xl space-y-6">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">{t("newTitle")}</h1>
          <p className="text-muted">{t("newIntro")}</p>
        </div>
        <div className={cardClass}>
          <PostForm
            slug={scope.slug}
            mode="create"
            idempotencyKey={randomUUID().replaceAll("-", "")}
            pledgesHref={`/n/${scope.slug}/initiatives`}
            vocabulary={form.vocabulary.map((v) => ({ value: v.slug, label: locale === "nl" ? v.labelNl : v.labelEn }))}
            unlocks={form.unlocks.map((u) => ({ value: u.value, label: u.milestone ? `${u.initiative}: ${u.milestone}` : u.initiative }))}
            initial={{
              direction: direction === "offer" ? "offer" : "request",
              capital: "knowledge",
              title: "",
              body: "",
              tags: [],
              freeTags: "",
              // Only a milestone the form offers (of this network) is pre-filled.
              unlocks: form.unlocks.some((u) => u.value === `milestone:${milestone}`) ? `milestone:${milestone}` : "",
              town: "",
              address: "",
              showAddress: false,
              expiresOn: defaultExpiry(form.timeZone),
              visibility: "network",
            }}
          />
        </div>
      </div>
    </ClientMessages>
  );
}

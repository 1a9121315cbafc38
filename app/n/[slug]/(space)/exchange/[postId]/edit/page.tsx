import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { PostForm } from "@/components/exchange/post-form";
import { cardClass } from "@/components/ui/styles";
import { loadPostForm } from "@/lib/exchange/queries";
import { toLocal } from "@/lib/gatherings/recurrence";
import { requireMemberPage } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exchange"))("editTitle") };
}

/** The author edits a running offer or request. */
export default async function EditPostPage({ params }: { params: Promise<{ slug: string; postId: string }> }) {
  const { slug, postId } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/exchange/${postId}/edit`, "exchange.post");
  const [form, t, locale] = await Promise.all([loadPostForm(scope, postId), getTranslations("exchange"), getLocale()]);
  const p = form.post;
  if (!p) notFound();
  const vocabulary = new Set(form.vocabulary.map((v) => v.slug));
  return (
    <ClientMessages namespaces={["exchange"]}>
      <div className="max-w-3xl space-y-6">
        <h1 className="text-2xl font-semibold">{t("editTitle")}</h1>
        <div className={cardClass}>
          <PostForm
            slug={scope.slug}
            mode="edit"
            postId={p.id}
            pledgesHref={`/n/${scope.slug}/initiatives`}
            vocabulary={form.vocabulary.map((v) => ({ value: v.slug, label: locale === "nl" ? v.labelNl : v.labelEn }))}
            unlocks={form.unlocks.map((u) => ({ value: u.value, label: u.milestone ? `${u.initiative}: ${u.milestone}` : u.initiative }))}
            initial={{
              direction: p.direction,
              capital: p.capital,
              title: p.title,
              body: p.body,
              tags: p.tags.filter((tag) => vocabulary.has(tag)),
              freeTags: p.tags.filter((tag) => !vocabulary.has(tag)).join(", "),
              unlocks: p.milestoneId ? `milestone:${p.milestoneId}` : p.initiativeId ? `initiative:${p.initiativeId}` : "",
              town: p.town,
              address: p.address,
              showAddress: p.address !== "",
              expiresOn: toLocal(p.expiresAt, form.timeZone).slice(0, 10),
              visibility: p.visibility,
            }}
          />
        </div>
      </div>
    </ClientMessages>
  );
}

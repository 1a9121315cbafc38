import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTimeZone, getTranslations } from "next-intl/server";
import { PostConversationsSection } from "@/components/conversations/post-conversations-section";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ManageSection } from "@/components/exchange/manage-section";
import { MatchesSection } from "@/components/exchange/matches-section";
import { PostView } from "@/components/exchange/post-view";
import { EXPIRY_DEFAULT_DAYS } from "@/lib/exchange/limits";
import { matchesForPost } from "@/lib/exchange/matching/queries";
import { isLive } from "@/lib/exchange/policy";
import { loadPostPage } from "@/lib/exchange/queries";
import { toLocal } from "@/lib/gatherings/recurrence";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

const DAY = 86_400_000;

/** The default expiry, 60 days from today, as a date input shows it in `zone`. */
function defaultExpiry(zone: string): string {
  return toLocal(new Date(Date.now() + EXPIRY_DEFAULT_DAYS * DAY), zone).slice(0, 10);
}

type Params = { params: Promise<{ slug: string; postId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exchange"))("title") };
}

/**
 * One offer or request: what it is, and what its author (renew, fulfilled, withdraw, each in one
 * step) or a broker (withdraw) may do. Guard, one loader, the sections in components/exchange.
 * A funder reaches only posts shown to funders; any other post is a 404. Its author also sees,
 * while it runs, the people and posts that may match (two statements, for the author only).
 */
export default async function PostPage({ params }: Params) {
  const { slug, postId } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/exchange/${postId}`, "exchange.view");
  const [page, view, zone] = await Promise.all([loadPostPage(scope, postId), viewNetwork(scope.slug), getTimeZone()]);
  if (!page) notFound();
  const matches = page.isAuthor && isLive(page.post.status) ? await matchesForPost(scope, postId) : null;
  const lang = view?.network.locale ?? "en";
  const renewUntil = defaultExpiry(zone);
  return (
    <ClientMessages namespaces={["conversations", "exchange"]}>
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          <PostView slug={scope.slug} page={page} lang={lang} />
          <PostConversationsSection
            slug={scope.slug}
            post={{ id: page.post.id, direction: page.post.direction, authorName: page.post.authorName }}
            data={page.conversations}
          />
        </div>
        <aside className="space-y-6" aria-label={page.post.title}>
          <ManageSection slug={scope.slug} page={page} renewUntil={renewUntil} />
          {matches ? <MatchesSection slug={scope.slug} matches={matches} lang={lang} /> : null}
        </aside>
      </div>
    </ClientMessages>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass, cardClass } from "@/components/ui/styles";
import type { PostPage } from "@/lib/exchange/queries";
import { FulfilPostForm, RenewPostForm, StartPostForm, WithdrawPostForm } from "./manage-forms";

/**
 * What the author may do with their post, each in one step (edit, someone is on it, renew,
 * fulfilled, withdraw), and what a broker may do with someone else's (withdraw, for moderation).
 */
export async function ManageSection({ slug, page, renewUntil }: { slug: string; page: PostPage; renewUntil: string }) {
  const t = await getTranslations("exchange");
  const { may, post } = page;
  if (!may.edit && !may.start && !may.renew && !may.fulfil && !may.withdraw) return null;
  const ref = { slug, postId: post.id };
  return (
    <section aria-labelledby="post-manage" className="space-y-4">
      <h2 id="post-manage" className="text-xl font-semibold">
        {page.isAuthor ? t("manageTitle") : t("moderateTitle")}
      </h2>
      {may.edit ? (
        <p>
          <Link href={`/n/${slug}/exchange/${post.id}/edit`} className={buttonClass.secondary}>
            {t("edit")}
          </Link>
        </p>
      ) : null}
      {may.start ? (
        <div className={cardClass}>
          <StartPostForm {...ref} />
        </div>
      ) : null}
      {may.renew ? (
        <div className={`${cardClass} space-y-2`}>
          <h3 className="font-semibold">{t("renewTitle")}</h3>
          <RenewPostForm {...ref} expiresOn={renewUntil} />
        </div>
      ) : null}
      {may.fulfil ? (
        <div className={`${cardClass} space-y-2`}>
          <h3 className="font-semibold">{t("fulfilTitle")}</h3>
          <FulfilPostForm {...ref} helpers={page.helpers.map((h) => ({ value: h.userId, label: h.name }))} />
        </div>
      ) : null}
      {may.withdraw ? (
        <div className={`${cardClass} space-y-2`}>
          <h3 className="font-semibold">{t("withdrawTitle")}</h3>
          <WithdrawPostForm {...ref} moderation={!page.isAuthor} />
        </div>
      ) : null}
    </section>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { listCommonsQuestions } from "@/lib/commons/queries";
import { decodeCursor } from "@/lib/cursor";
import { requireMemberPage } from "@/lib/membership/scope";
import { route } from "@/lib/route";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("commons"))("questionsTitle") };
}

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The questions people asked about this network's items in the commons ("Ask the source network",
 * decision 045), newest first, keyset pages. For the network's brokers only; anyone else gets a 404.
 */
export default async function CommonsQuestionsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const scope = await requireMemberPage(slug, `/n/${slug}/commons/questions`, "commons.questions");
  const after = decodeCursor(typeof query.after === "string" ? query.after : undefined);
  const [{ items, next }, t, format] = await Promise.all([listCommonsQuestions(scope, after), getTranslations("commons"), getFormatter()]);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{t("questionsTitle")}</h1>
        <p className="max-w-prose text-muted">{t("questionsIntro")}</p>
      </div>
      {items.length === 0 ? (
        <p className={cardClass}>{t("questionsEmpty")}</p>
      ) : (
        <ol className="space-y-3">
          {items.map((q) => (
            <li key={q.id} id={`question-${q.id}`} className={`${cardClass} space-y-2`}>
              <h2 className="font-semibold break-words">
                {q.itemWithdrawn ? (
                  t("questionAboutWithdrawn")
                ) : (
                  <Link href={route(`/commons/${q.itemId}`)} className="underline">
                    {t("questionAbout", { title: q.itemTitle })}
                  </Link>
                )}
              </h2>
              <p className="text-sm text-muted">
                {t("askedBy", { name: q.askerName || t("someone") })} ·{" "}
                <time dateTime={q.createdAt.toISOString()}>{format.dateTime(q.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
              </p>
              <Markdown html={q.bodyHtml} />
              <p className="text-sm">
                {q.replyEmail ? (
                  <>
                    {t("replyTo")}{" "}
                    <a href={`mailto:${q.replyEmail}`} className="underline">
                      {q.replyEmail}
                    </a>
                  </>
                ) : (
                  t("noReplyEmail")
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
      <div className="flex flex-wrap gap-3">
        {after ? (
          <Link href={route(`/n/${scope.slug}/commons/questions`)} className={buttonClass.secondary}>
            {t("newest")}
          </Link>
        ) : null}
        {next ? (
          <Link href={route(`/n/${scope.slug}/commons/questions?after=${next}`)} className={buttonClass.secondary}>
            {t("older")}
          </Link>
        ) : null}
      </div>
    </div>
  );
}

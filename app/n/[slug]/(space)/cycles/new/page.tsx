import type { Metadata } from "next";
import Link from "next/link";
import { getTimeZone, getTranslations } from "next-intl/server";
import { OpenCycleForm } from "@/components/cycles/open-cycle-form";
import { cardClass } from "@/components/ui/styles";
import { loadNewCyclePage } from "@/lib/cycles/queries";
import { toLocalInput } from "@/lib/cycles/schema";
import { requireMemberPage } from "@/lib/membership/scope";
import { ClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

const DAY = 24 * 60 * 60 * 1000;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cycles"))("openTitle") };
}

/** A whole hour `days` from now: a sensible default deadline. */
function inDays(days: number): Date {
  const at = new Date(Date.now() + days * DAY);
  at.setUTCMinutes(0, 0, 0);
  return at;
}

/** `?from=<answerId>`: start from a concern raised in the journey, its text as the question. */
export default async function OpenCyclePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ from?: string }>;
}) {
  const { slug } = await params;
  const { from } = await searchParams;
  const scope = await requireMemberPage(slug, `/n/${slug}/cycles/new`, "cycle.open");
  const t = await getTranslations("cycles");
  const zone = await getTimeZone();
  const { current, question, fromConcernId } = await loadNewCyclePage(scope, from ?? null);
  return (
    <ClientMessages namespaces={["areas", "cycles"]}>
      <div className="space-y-6">
        <div className="space-y-1">
          <h1 className="text-xl font-semibold">{t("openTitle")}</h1>
          <p className="text-muted">{t("openIntro")}</p>
        </div>
        {current ? (
          <div className={`${cardClass} space-y-2`}>
            <p>{t("alreadyOpen")}</p>
            <Link href={`/n/${scope.slug}/cycles`} className="font-medium">
              {t("toCurrent")}
            </Link>
          </div>
        ) : (
          <div className={cardClass}>
            <OpenCycleForm
              slug={scope.slug}
              question={question}
              fromConcernId={fromConcernId}
              iDeadline={toLocalInput(inDays(7), zone)}
              weDeadline={toLocalInput(inDays(14), zone)}
              zone={zone}
            />
          </div>
        )}
      </div>
    </ClientMessages>
  );
}

import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { HarvestMention } from "@/lib/harvests/queries";

/**
 * "From the gathering X": the gatherings whose published harvest names this thread, cycle or
 * milestone, each linking to its gathering (decision 038). Nothing when there are none.
 * `kind`: on a thread ("from"), on the cycle ("cycle"), on a milestone as evidence ("evidence").
 */
export async function HarvestMentions({ slug, mentions, kind }: { slug: string; mentions: HarvestMention[]; kind: "from" | "cycle" | "evidence" }) {
  if (mentions.length === 0) return null;
  const [t, format] = await Promise.all([getTranslations("harvests"), getFormatter()]);
  const line = kind === "from" ? "fromGathering" : kind === "cycle" ? "cycleFrom" : "evidenceItem";
  return (
    <div className="space-y-1 text-sm">
      <p className="font-semibold">{kind === "evidence" ? t("evidence") : t("fromGatherings")}</p>
      <ul className="space-y-1">
        {mentions.map((m) => (
          <li key={m.gatheringId}>
            {t.rich(line, {
              title: m.title,
              date: format.dateTime(m.startsAt, { dateStyle: "long" }),
              link: (chunks) => (
                <Link href={`/n/${slug}/gatherings/${m.gatheringId}`} className="underline underline-offset-4">
                  {chunks}
                </Link>
              ),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

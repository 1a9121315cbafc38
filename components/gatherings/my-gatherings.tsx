import Link from "next/link";
import { cardClass } from "@/components/ui/styles";
import type { MyGathering } from "@/lib/gatherings/queries";
import { GatheringWhen, whenTools } from "./when";

/** A person's next gatherings across their networks, on the site's home; nothing when there are none. */
export async function MyGatherings({ gatherings }: { gatherings: MyGathering[] }) {
  if (gatherings.length === 0) return null;
  const tools = await whenTools();
  const { t } = tools;
  return (
    <section aria-labelledby="my-gatherings" className="space-y-4">
      <h2 id="my-gatherings" className="text-2xl font-semibold">
        {t("yourNext")}
      </h2>
      <ul className="grid gap-4 sm:grid-cols-2">
        {gatherings.map((g) => (
          <li key={g.id} className={`${cardClass} space-y-1`}>
            <Link href={`/n/${g.networkSlug}/gatherings/${g.id}`} className="font-semibold" lang={g.networkLocale}>
              {g.title}
            </Link>
            <p className="text-sm text-muted" lang={g.networkLocale}>
              {g.networkName}
            </p>
            <p className="text-sm">
              <GatheringWhen startsAt={g.startsAt} endsAt={g.endsAt} timeZone={g.timeZone} tools={tools} />
            </p>
            {g.rsvp ? <p className="text-sm text-muted">{t("yourAnswer", { status: g.rsvp })}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

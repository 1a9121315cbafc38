import Link from "next/link";
import type { GatheringPage } from "@/lib/gatherings/queries";
import { GatheringWhen, whenTools } from "./when";

/** The gathering's title, when it is, who hosts it, and whether it is cancelled, proposed or over. */
export async function GatheringHeader({ slug, page, lang }: { slug: string; page: GatheringPage; lang: string }) {
  const tools = await whenTools();
  const { t } = tools;
  const g = page.gathering;
  return (
    <div className="space-y-2">
      <p>
        <Link href={`/n/${slug}/gatherings`} className="text-sm">
          {t("back")}
        </Link>
      </p>
      <h1 className={`text-2xl font-semibold ${g.status === "cancelled" ? "line-through" : ""}`} lang={lang}>
        {g.title}
      </h1>
      <p className="text-lg">
        <GatheringWhen startsAt={g.startsAt} endsAt={g.endsAt} timeZone={g.timeZone} long tools={tools} />
      </p>
      {page.hosts.length ? <p className="text-muted">{t("hostedBy", { names: page.hosts.map((h) => h.name).join(", ") })}</p> : null}
      {g.status === "cancelled" ? (
        <div role="status" className="rounded-md bg-danger-soft px-3 py-2 text-danger">
          <p className="font-semibold">{t("cancelledNotice")}</p>
          {g.cancelReason ? (
            <p className="whitespace-pre-line" lang={lang}>
              {t("cancelledReason", { reason: g.cancelReason })}
            </p>
          ) : null}
        </div>
      ) : g.status === "proposed" ? (
        <p role="status" className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">
          {t("proposedNotice", { name: g.createdBy?.name ?? "" })}
        </p>
      ) : page.over ? (
        <p className="text-muted">{t("pastNotice")}</p>
      ) : null}
    </div>
  );
}

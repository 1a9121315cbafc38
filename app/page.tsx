import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MyGatherings } from "@/components/gatherings/my-gatherings";
import { NetworkCard } from "@/components/networks/network-card";
import { buttonClass } from "@/components/ui/styles";
import { getViewer } from "@/lib/auth/session";
import { listMyUpcomingGatherings } from "@/lib/gatherings/queries";
import { listDirectory } from "@/lib/networks/queries";

export const dynamic = "force-dynamic";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations("home");
  const viewer = await getViewer();
  const params = await searchParams;
  const after = typeof params.after === "string" ? params.after : null;
  const [{ items, next: nextCursor }, mine] = await Promise.all([
    listDirectory(viewer?.id ?? null, after),
    viewer && !after ? listMyUpcomingGatherings(viewer.id) : Promise.resolve([]),
  ]);
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1 className="text-3xl font-semibold sm:text-4xl">{t("title")}</h1>
        <p className="max-w-2xl text-lg text-muted">{t("intro")}</p>
        {params.deleted ? (
          <p role="status" className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">
            {t("deleted")}
          </p>
        ) : null}
        {params.left ? (
          <p role="status" className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">
            {t("left")}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-3">
          <Link href={viewer ? "/networks/new" : "/signin?callbackUrl=/networks/new"} className={buttonClass.primary}>
            {t("create")}
          </Link>
          {!viewer ? (
            <Link href="/signin" className={buttonClass.secondary}>
              {t("signIn")}
            </Link>
          ) : null}
        </div>
      </section>
      <MyGatherings gatherings={mine} />
      <section aria-labelledby="directory" className="space-y-4">
        <h2 id="directory" className="text-2xl font-semibold">
          {t("directory")}
        </h2>
        {items.length === 0 ? (
          <p className="text-muted">{t("empty")}</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2">
            {items.map((n) => (
              <NetworkCard key={n.id} network={n} />
            ))}
          </ul>
        )}
        {nextCursor ? (
          <Link href={`/?after=${nextCursor}`} className={buttonClass.secondary}>
            {t("more")}
          </Link>
        ) : null}
      </section>
    </div>
  );
}

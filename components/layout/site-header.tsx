import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { signOutAction } from "@/lib/accounts/actions";
import { getViewer } from "@/lib/auth/session";
import { listViewerNetworks } from "@/lib/networks/queries";
import { countUnreadNotifications } from "@/lib/notifications/queries";
import { LanguageSwitcher } from "./language-switcher";
import { NetworkSwitcher } from "./network-switcher";

export async function SiteHeader() {
  const t = await getTranslations("layout");
  const viewer = await getViewer();
  const networks = viewer ? await listViewerNetworks(viewer.id) : [];
  const unread = viewer ? await countUnreadNotifications(viewer.id) : 0;
  const locale = await getLocale();
  return (
    <header className="border-b border-line bg-white">
      <div className="mx-auto flex w-full max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="mr-auto flex items-center gap-2 text-lg font-semibold text-ink no-underline">
          <span aria-hidden="true" className="inline-block size-6 rounded-full border-4 border-accent" />
          Kring
        </Link>
        <nav aria-label={t("mainNav")} className="flex flex-wrap items-center gap-x-3 gap-y-2">
          {viewer ? <NetworkSwitcher networks={networks} /> : null}
          <LanguageSwitcher current={locale} />
          {viewer ? (
            <>
              {networks.some((n) => n.role === "funder") ? (
                <Link href="/funder" className="font-medium">
                  {t("funderDashboard")}
                </Link>
              ) : null}
              <Link href="/notifications" className="font-medium">
                {t("notificationsCount", { count: unread })}
              </Link>
              <Link href="/profile" className="font-medium">
                {t("profile")}
              </Link>
              <form action={signOutAction}>
                <button type="submit" className="font-medium text-accent-strong underline-offset-4 hover:underline">
                  {t("signOut")}
                </button>
              </form>
            </>
          ) : (
            <Link href="/signin" className="font-medium">
              {t("signIn")}
            </Link>
          )}
        </nav>
      </div>
    </header>
  );
}

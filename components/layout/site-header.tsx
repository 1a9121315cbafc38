import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { signOutAction } from "@/lib/accounts/actions";
import { getViewer } from "@/lib/auth/session";
import { listViewerNetworks } from "@/lib/networks/queries";
import { countUnreadNotifications } from "@/lib/notifications/queries";
import { HeaderMenu } from "./header-menu";
import { LanguageSwitcher } from "./language-switcher";
import { NetworkSwitcher } from "./network-switcher";

/**
 * The site's header. Signed in, on a phone (below `sm`), it is compact: the name, the
 * notifications count (always in sight) and a menu holding the rest; from `sm` up, one row
 * of links. The two navigations carry the same name and never show at the same time (the
 * hidden one is `display: none`, so assistive technology meets one "Main" navigation).
 */
export async function SiteHeader() {
  const t = await getTranslations("layout");
  const viewer = await getViewer();
  const networks = viewer ? await listViewerNetworks(viewer.id) : [];
  const unread = viewer ? await countUnreadNotifications(viewer.id) : 0;
  const locale = await getLocale();
  // The commons (decision 045) is open to everyone, visitors too.
  const commons = (
    <Link href="/commons" className="font-medium">
      {t("commons")}
    </Link>
  );
  const home = (
    <Link href="/" className="mr-auto flex items-center gap-2 text-lg font-semibold text-ink no-underline">
      <span aria-hidden="true" className="inline-block size-6 rounded-full border-4 border-accent" />
      Kring
    </Link>
  );
  if (!viewer) {
    // Two language buttons and "Sign in" fit on any phone: no menu.
    return (
      <header className="border-b border-line bg-white">
        <div className="mx-auto flex w-full max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          {home}
          <nav aria-label={t("mainNav")} className="flex flex-wrap items-center gap-x-3 gap-y-2">
            {commons}
            <LanguageSwitcher current={locale} />
            <Link href="/signin" className="font-medium">
              {t("signIn")}
            </Link>
          </nav>
        </div>
      </header>
    );
  }
  const notifications = (className: string) => (
    <Link href="/notifications" className={className}>
      {t("notificationsCount", { count: unread })}
    </Link>
  );
  const funder = networks.some((n) => n.role === "funder") ? (
    <Link href="/funder" className="font-medium">
      {t("funderDashboard")}
    </Link>
  ) : null;
  const profile = (
    <Link href="/profile" className="font-medium">
      {t("profile")}
    </Link>
  );
  const signOut = (
    <form action={signOutAction}>
      <button type="submit" className="min-h-11 font-medium text-accent-strong underline-offset-4 hover:underline">
        {t("signOut")}
      </button>
    </form>
  );
  return (
    <header className="border-b border-line bg-white">
      <div className="relative mx-auto flex w-full max-w-5xl flex-wrap items-center gap-x-4 px-4 py-3 sm:gap-y-2 sm:px-6">
        {home}
        {/* On a phone: room at the end of the row for the menu's button (HeaderMenu). */}
        {notifications("me-28 flex min-h-11 items-center font-medium sm:hidden")}
        <HeaderMenu label={t("menu")}>
          <nav aria-label={t("mainNav")} className="flex flex-col items-start gap-3">
            <NetworkSwitcher networks={networks} inline />
            {commons}
            {funder}
            {profile}
            <LanguageSwitcher current={locale} />
            {signOut}
          </nav>
        </HeaderMenu>
        <nav aria-label={t("mainNav")} className="hidden flex-wrap items-center gap-x-3 gap-y-2 sm:flex">
          <NetworkSwitcher networks={networks} />
          {commons}
          <LanguageSwitcher current={locale} />
          {funder}
          {notifications("font-medium")}
          {profile}
          {signOut}
        </nav>
      </div>
    </header>
  );
}

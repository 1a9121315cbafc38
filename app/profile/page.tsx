import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { DeleteAccountForm } from "@/components/accounts/delete-account-form";
import { CalendarFeedForm } from "@/components/calendar/feed-form";
import { EmailSettingsForm, ExportEmailForm, NetworkEmailForm } from "@/components/accounts/email-settings-form";
import { ProfileForm } from "@/components/accounts/profile-form";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { getProfile, listNetworkEmailSettings } from "@/lib/accounts/queries";
import { getViewer } from "@/lib/auth/session";
import { hasPersonalFeed } from "@/lib/calendar/queries";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ProfilePage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/profile");
  const profile = await getProfile(viewer.id);
  if (!profile) redirect("/signin?callbackUrl=/profile");
  const [t, te, tc, locale, format, networks, personalFeed] = await Promise.all([
    getTranslations("profile"),
    getTranslations("emailSettings"),
    getTranslations("calendar"),
    getLocale(),
    getFormatter(),
    listNetworkEmailSettings(viewer.id),
    hasPersonalFeed(viewer.id),
  ]);
  // ISO weekdays 1 (Monday) to 7 (Sunday), named in the viewer's language (2024-01-01 was a Monday).
  const weekdays = Array.from({ length: 7 }, (_, i) => ({
    value: String(i + 1),
    label: new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1 + i))),
  }));
  const zones = Intl.supportedValuesOf("timeZone");
  const timeZones = zones.includes(profile.timeZone) ? zones : [profile.timeZone, ...zones];
  return (
    <ClientMessages namespaces={["calendar", "emailSettings", "profile"]}>
      <div className="mx-auto max-w-xl space-y-6">
        <div className={`${cardClass} space-y-4`}>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-muted">{t("signedInAs", { email: profile.email })}</p>
          {!profile.name ? (
            <p role="status" className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">
              {t("welcome")}
            </p>
          ) : null}
          <ProfileForm profile={{ name: profile.name ?? "", bio: profile.bio, locale: profile.locale ?? locale }} />
        </div>
        <section aria-labelledby="email" className={`${cardClass} space-y-4`}>
          <h2 id="email" className="text-xl font-semibold">
            {te("title")}
          </h2>
          <p className="text-muted">{te("intro")}</p>
          {profile.emailRefusedAt ? (
            <p role="alert" className="rounded-md border border-danger px-3 py-2" data-testid="email-refused">
              {te("refused", { email: profile.email, date: format.dateTime(profile.emailRefusedAt, { dateStyle: "long" }) })}
            </p>
          ) : null}
          <EmailSettingsForm
            settings={{ frequency: profile.emailFrequency, digestHour: profile.digestHour, digestWeekday: profile.digestWeekday, timeZone: profile.timeZone }}
            weekdays={weekdays}
            timeZones={timeZones}
          />
          {networks.length > 0 ? (
            <div className="space-y-3">
              <h3 className="text-lg font-semibold">{te("perNetwork")}</h3>
              <p className="text-muted">{te("perNetworkIntro")}</p>
              <ul className="space-y-3">
                {networks.map((n) => (
                  <li key={n.slug}>
                    <NetworkEmailForm slug={n.slug} name={n.name} frequency={n.frequency} general={profile.emailFrequency} />
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
        {networks.length > 0 ? (
          <section aria-labelledby="export-email" className={`${cardClass} space-y-3`}>
            <h2 id="export-email" className="text-xl font-semibold">
              {te("exportEmailTitle")}
            </h2>
            <p className="text-muted">{te("exportEmailIntro")}</p>
            <ul className="space-y-3">
              {networks.map((n) => (
                <li key={n.slug}>
                  <ExportEmailForm slug={n.slug} name={n.name} allowed={n.emailInExport} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="calendar" className={`${cardClass} space-y-3`}>
          <h2 id="calendar" className="text-xl font-semibold">
            {tc("title")}
          </h2>
          <p className="text-muted">{tc("personalIntro")}</p>
          <p className="text-sm text-muted">{tc("secretHint")}</p>
          <CalendarFeedForm active={personalFeed} />
        </section>
        <section aria-labelledby="your-data" className={`${cardClass} space-y-3`}>
          <h2 id="your-data" className="text-xl font-semibold">
            {t("dataTitle")}
          </h2>
          <p className="text-muted">{t("dataIntro")}</p>
          <a href="/api/account/export" download className={buttonClass.secondary}>
            {t("download")}
          </a>
        </section>
        <section aria-labelledby="delete-account" className={`${cardClass} space-y-3 border-danger`}>
          <h2 id="delete-account" className="text-xl font-semibold">
            {t("deleteTitle")}
          </h2>
          <p className="text-muted">{t("deleteIntro")}</p>
          <DeleteAccountForm email={profile.email} />
        </section>
      </div>
    </ClientMessages>
  );
}

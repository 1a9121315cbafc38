import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DeleteAccountForm } from "@/components/accounts/delete-account-form";
import { ProfileForm } from "@/components/accounts/profile-form";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { getProfile } from "@/lib/accounts/queries";
import { getViewer } from "@/lib/auth/session";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ProfilePage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/profile");
  const profile = await getProfile(viewer.id);
  if (!profile) redirect("/signin?callbackUrl=/profile");
  const t = await getTranslations("profile");
  const locale = await getLocale();
  return (
    <ClientMessages namespaces={["errors", "profile", "validation"]}>
      <div className="mx-auto max-w-xl space-y-6">
        <div className={`${cardClass} space-y-4`}>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-muted">{t("signedInAs", { email: profile.email })}</p>
          {!profile.name ? (
            <p role="status" className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">
              {t("welcome")}
            </p>
          ) : null}
          <ProfileForm
            profile={{ name: profile.name ?? "", bio: profile.bio, locale: profile.locale ?? locale, emailReminders: profile.emailReminders }}
          />
        </div>
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

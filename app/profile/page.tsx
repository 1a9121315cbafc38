import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ProfileForm } from "@/components/accounts/profile-form";
import { cardClass } from "@/components/ui/styles";
import { getProfile } from "@/lib/accounts/queries";
import { getViewer } from "@/lib/auth/session";

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
    <div className={`${cardClass} mx-auto max-w-xl space-y-4`}>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-muted">{t("signedInAs", { email: profile.email })}</p>
      {!profile.name ? (
        <p role="status" className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">
          {t("welcome")}
        </p>
      ) : null}
      <ProfileForm profile={{ name: profile.name ?? "", bio: profile.bio, locale: profile.locale ?? locale }} />
    </div>
  );
}

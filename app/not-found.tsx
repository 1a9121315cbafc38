import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <div className={`${cardClass} mx-auto max-w-md space-y-3`}>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p>{t("body")}</p>
      <Link href="/">{t("home")}</Link>
    </div>
  );
}

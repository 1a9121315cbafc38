import { getTranslations } from "next-intl/server";
import { JoinForm, RequestForm } from "./join-forms";

/** The way in for a signed-in non-member, by the network's join policy. */
export async function AcceptOrJoin({ slug, joinPolicy, declined }: { slug: string; joinPolicy: string; declined: boolean }) {
  const t = await getTranslations("networkHome");
  if (joinPolicy === "open") {
    return (
      <>
        <h2 className="font-semibold">{t("joinTitle")}</h2>
        <JoinForm slug={slug} />
      </>
    );
  }
  if (joinPolicy === "request") {
    return (
      <>
        <h2 className="font-semibold">{t("requestTitle")}</h2>
        {declined ? <p className="text-sm text-muted">{t("declined")}</p> : null}
        <RequestForm slug={slug} />
      </>
    );
  }
  return <p>{t("invitationOnly")}</p>;
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { newKey } from "@/components/funding/idempotency-key";
import type { CommonsKindName } from "@/lib/sharing/limits";
import type { ShareState } from "@/lib/sharing/queries";
import { ShareButton } from "./sharing-forms";

/**
 * What a record's page shows about the commons: a link to its open or published proposal, or (for
 * someone who may propose it) "Share with the commons". Nothing for anyone else. The page's
 * <ClientMessages> provides the "sharing" namespace (one provider per page, not per item).
 */
export async function ShareWithCommons({
  slug,
  kind,
  sourceId,
  what,
  state,
  mayPropose,
}: {
  slug: string;
  kind: CommonsKindName;
  sourceId: string;
  what: string;
  state: ShareState | undefined;
  mayPropose: boolean;
}) {
  const t = await getTranslations("sharing");
  if (state) {
    return (
      <p className="text-sm">
        <Link href={`/n/${slug}/sharing/${state.proposalId}`}>{t(state.status === "published" ? "inCommons" : "proposed")}</Link>
      </p>
    );
  }
  if (!mayPropose) return null;
  return <ShareButton slug={slug} kind={kind} sourceId={sourceId} idempotencyKey={newKey()} what={what} />;
}

-- AlterEnum
ALTER TYPE "MailKind" ADD VALUE 'invitation';

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "email" TEXT;

-- CreateIndex
CREATE INDEX "Invitation_networkId_email_idx" ON "Invitation"("networkId", "email");

-- The networks whose notifications a person reads in their centre: every network they ever had a
-- membership in (as kring_member_networks with every status), and those with an open invitation
-- (unused, unrevoked, unexpired) sent to their account's address, where they have no membership
-- yet but read its `membership_invited` news (decision 034). One statement, like the function it
-- extends; a reviewed cross-network lookup of the person's own things only.
CREATE FUNCTION kring_notification_networks(p_user_id text)
RETURNS TABLE ("networkId" text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
SET app.network_ids = '*'
AS $$
  SELECT m."networkId" FROM "Membership" m WHERE m."userId" = p_user_id
  UNION
  SELECT i."networkId"
  FROM "Invitation" i
  JOIN "User" u ON u.id = p_user_id AND i.email = lower(u.email)
  WHERE i."usedAt" IS NULL AND i."revokedAt" IS NULL AND i."expiresAt" > now()
$$;

REVOKE ALL ON FUNCTION kring_notification_networks(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kring_notification_networks(text) TO kring_app;

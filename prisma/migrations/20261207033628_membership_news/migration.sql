-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'join_requested';
ALTER TYPE "NotificationKind" ADD VALUE 'membership_approved';
ALTER TYPE "NotificationKind" ADD VALUE 'membership_declined';
ALTER TYPE "NotificationKind" ADD VALUE 'membership_invited';
ALTER TYPE "NotificationKind" ADD VALUE 'role_changed';
ALTER TYPE "NotificationKind" ADD VALUE 'membership_removed';

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "lastSeenAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Network" ADD COLUMN     "showPublicThreadTitles" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "note" TEXT,
ADD COLUMN     "role" "Role";

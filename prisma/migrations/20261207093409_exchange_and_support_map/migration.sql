-- CreateEnum
CREATE TYPE "CapitalKind" AS ENUM ('knowledge', 'contacts', 'time', 'place', 'materials', 'other');

-- CreateEnum
CREATE TYPE "ExchangeDirection" AS ENUM ('offer', 'request');

-- CreateEnum
CREATE TYPE "ExchangeStatus" AS ENUM ('open', 'in_progress', 'fulfilled', 'withdrawn', 'expired');

-- CreateEnum
CREATE TYPE "ExchangeVisibility" AS ENUM ('network', 'network_and_funders');

-- CreateEnum
CREATE TYPE "SupportKind" AS ENUM ('grant', 'loan', 'prize', 'matched_crowdfunding', 'coaching', 'space', 'legal', 'network', 'research');

-- CreateEnum
CREATE TYPE "GrowthStage" AS ENUM ('idea', 'pilot', 'scaling', 'system_change');

-- CreateEnum
CREATE TYPE "SupportEntryStatus" AS ENUM ('suggested', 'listed', 'declined');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'exchange_answered';
ALTER TYPE "NotificationKind" ADD VALUE 'exchange_message';
ALTER TYPE "NotificationKind" ADD VALUE 'exchange_matched';
ALTER TYPE "NotificationKind" ADD VALUE 'exchange_expiring';
ALTER TYPE "NotificationKind" ADD VALUE 'exchange_thanked';
ALTER TYPE "NotificationKind" ADD VALUE 'support_suggested';
ALTER TYPE "NotificationKind" ADD VALUE 'support_reviewed';

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "helpTags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN     "stage" "GrowthStage";

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "conversationId" TEXT,
ADD COLUMN     "exchangePostId" TEXT,
ADD COLUMN     "supportEntryId" TEXT;

-- CreateTable
CREATE TABLE "ExchangeTag" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "labelNl" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeTag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangePost" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "authorId" TEXT,
    "direction" "ExchangeDirection" NOT NULL,
    "capital" "CapitalKind" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "bodyHtml" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "initiativeId" TEXT,
    "milestoneId" TEXT,
    "town" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "visibility" "ExchangeVisibility" NOT NULL DEFAULT 'network',
    "status" "ExchangeStatus" NOT NULL DEFAULT 'open',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "helperId" TEXT,
    "thanks" TEXT NOT NULL DEFAULT '',
    "thanksHtml" TEXT,
    "lesson" TEXT NOT NULL DEFAULT '',
    "lessonHtml" TEXT,
    "idempotencyKey" TEXT,
    "searchVector" tsvector,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExchangePost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeConversation" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "starterId" TEXT,
    "lastMessageAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeConversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeMessage" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "senderId" TEXT,
    "body" TEXT NOT NULL,
    "bodyHtml" TEXT,
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupportEntry" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "descriptionHtml" TEXT,
    "kinds" "SupportKind"[],
    "stages" "GrowthStage"[],
    "eligibility" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "sourceUrl" TEXT NOT NULL DEFAULT '',
    "checkedAt" TIMESTAMP(3),
    "status" "SupportEntryStatus" NOT NULL DEFAULT 'listed',
    "suggestedById" TEXT,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "reviewNote" TEXT NOT NULL DEFAULT '',
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupportEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeTag_networkId_slug_key" ON "ExchangeTag"("networkId", "slug");

-- CreateIndex
CREATE INDEX "ExchangePost_networkId_status_createdAt_id_idx" ON "ExchangePost"("networkId", "status", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ExchangePost_networkId_milestoneId_idx" ON "ExchangePost"("networkId", "milestoneId");

-- CreateIndex
CREATE INDEX "ExchangePost_networkId_authorId_idx" ON "ExchangePost"("networkId", "authorId");

-- CreateIndex
CREATE INDEX "ExchangePost_status_expiresAt_idx" ON "ExchangePost"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "ExchangePost_searchVector_idx" ON "ExchangePost" USING GIN ("searchVector");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangePost_networkId_authorId_idempotencyKey_key" ON "ExchangePost"("networkId", "authorId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "ExchangeConversation_networkId_starterId_idx" ON "ExchangeConversation"("networkId", "starterId");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeConversation_networkId_postId_starterId_key" ON "ExchangeConversation"("networkId", "postId", "starterId");

-- CreateIndex
CREATE INDEX "ExchangeMessage_networkId_conversationId_createdAt_idx" ON "ExchangeMessage"("networkId", "conversationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeMessage_networkId_senderId_idempotencyKey_key" ON "ExchangeMessage"("networkId", "senderId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "SupportEntry_networkId_status_provider_idx" ON "SupportEntry"("networkId", "status", "provider");

-- CreateIndex
CREATE UNIQUE INDEX "SupportEntry_networkId_suggestedById_idempotencyKey_key" ON "SupportEntry"("networkId", "suggestedById", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "ExchangeTag" ADD CONSTRAINT "ExchangeTag_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangePost" ADD CONSTRAINT "ExchangePost_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeConversation" ADD CONSTRAINT "ExchangeConversation_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeConversation" ADD CONSTRAINT "ExchangeConversation_postId_fkey" FOREIGN KEY ("postId") REFERENCES "ExchangePost"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeMessage" ADD CONSTRAINT "ExchangeMessage_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeMessage" ADD CONSTRAINT "ExchangeMessage_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "ExchangeConversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportEntry" ADD CONSTRAINT "SupportEntry_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security: every tenant table answers only for the networks the connection is scoped to (decision 022).
ALTER TABLE "ExchangeTag" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ExchangeTag" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "ExchangeTag" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "ExchangePost" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ExchangePost" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "ExchangePost" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "ExchangeConversation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ExchangeConversation" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "ExchangeConversation" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "ExchangeMessage" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ExchangeMessage" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "ExchangeMessage" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "SupportEntry" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SupportEntry" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "SupportEntry" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

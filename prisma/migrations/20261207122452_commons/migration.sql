-- CreateEnum
CREATE TYPE "CommonsKind" AS ENUM ('lesson', 'synthesis', 'milestone_outcome', 'harvest', 'support_entry');

-- CreateEnum
CREATE TYPE "CommonsProposalStatus" AS ENUM ('asking', 'blocked', 'ready', 'published', 'withdrawn', 'cancelled');

-- CreateEnum
CREATE TYPE "CommonsAttribution" AS ENUM ('names', 'network', 'anonymous');

-- CreateEnum
CREATE TYPE "CommonsLicence" AS ENUM ('cc_by_4_0', 'cc_by_sa_4_0', 'cc0_1_0');

-- CreateEnum
CREATE TYPE "CommonsConsentChoice" AS ENUM ('agree', 'object');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'commons_consent_asked';
ALTER TYPE "NotificationKind" ADD VALUE 'commons_blocked';
ALTER TYPE "NotificationKind" ADD VALUE 'commons_ready';
ALTER TYPE "NotificationKind" ADD VALUE 'commons_published';
ALTER TYPE "NotificationKind" ADD VALUE 'commons_withdrawn';
ALTER TYPE "NotificationKind" ADD VALUE 'commons_question';

-- AlterTable
ALTER TABLE "Network" ADD COLUMN     "allowCommonsQuestions" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "region" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "commonsProposalId" TEXT,
ADD COLUMN     "commonsQuestionId" TEXT;

-- CreateTable
CREATE TABLE "CommonsProposal" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "kind" "CommonsKind" NOT NULL,
    "sourceId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "CommonsProposalStatus" NOT NULL DEFAULT 'asking',
    "activeSlot" BOOLEAN DEFAULT true,
    "proposedById" TEXT,
    "attribution" "CommonsAttribution",
    "licence" "CommonsLicence",
    "decidedAt" TIMESTAMP(3),
    "publishedById" TEXT,
    "publishedAt" TIMESTAMP(3),
    "withdrawnById" TEXT,
    "withdrawnAt" TIMESTAMP(3),
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommonsProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommonsConsent" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "choice" "CommonsConsentChoice",
    "attribution" "CommonsAttribution",
    "licence" "CommonsLicence",
    "note" TEXT NOT NULL DEFAULT '',
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommonsConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommonsItem" (
    "id" UUID NOT NULL,
    "sourceNetworkId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "kind" "CommonsKind" NOT NULL,
    "language" "Locale" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "attribution" "CommonsAttribution" NOT NULL,
    "licence" "CommonsLicence" NOT NULL,
    "sourceName" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL DEFAULT '',
    "authorNames" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "level" "Level",
    "area" "Area",
    "stage" "GrowthStage",
    "outcome" "MilestoneStatus",
    "topic" TEXT NOT NULL DEFAULT '',
    "searchVector" tsvector,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "CommonsItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommonsQuestion" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "itemId" UUID NOT NULL,
    "askerId" TEXT,
    "body" TEXT NOT NULL,
    "bodyHtml" TEXT,
    "replyEmail" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommonsQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CommonsProposal_networkId_status_createdAt_idx" ON "CommonsProposal"("networkId", "status", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "CommonsProposal_networkId_kind_sourceId_activeSlot_key" ON "CommonsProposal"("networkId", "kind", "sourceId", "activeSlot");

-- CreateIndex
CREATE UNIQUE INDEX "CommonsProposal_networkId_proposedById_idempotencyKey_key" ON "CommonsProposal"("networkId", "proposedById", "idempotencyKey");

-- CreateIndex
CREATE INDEX "CommonsConsent_networkId_userId_answeredAt_idx" ON "CommonsConsent"("networkId", "userId", "answeredAt");

-- CreateIndex
CREATE UNIQUE INDEX "CommonsConsent_networkId_proposalId_userId_key" ON "CommonsConsent"("networkId", "proposalId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "CommonsItem_proposalId_key" ON "CommonsItem"("proposalId");

-- CreateIndex
CREATE INDEX "CommonsItem_withdrawnAt_publishedAt_id_idx" ON "CommonsItem"("withdrawnAt", "publishedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "CommonsItem_sourceNetworkId_publishedAt_idx" ON "CommonsItem"("sourceNetworkId", "publishedAt" DESC);

-- CreateIndex
CREATE INDEX "CommonsItem_searchVector_idx" ON "CommonsItem" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "CommonsQuestion_networkId_createdAt_idx" ON "CommonsQuestion"("networkId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "CommonsProposal" ADD CONSTRAINT "CommonsProposal_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommonsConsent" ADD CONSTRAINT "CommonsConsent_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommonsConsent" ADD CONSTRAINT "CommonsConsent_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "CommonsProposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommonsItem" ADD CONSTRAINT "CommonsItem_sourceNetworkId_fkey" FOREIGN KEY ("sourceNetworkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommonsItem" ADD CONSTRAINT "CommonsItem_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "CommonsProposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommonsQuestion" ADD CONSTRAINT "CommonsQuestion_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security: every tenant table answers only for the networks the connection is scoped to (decision 022).
-- CommonsItem is shared across networks on purpose (decision 043): it has no networkId and no policy.
ALTER TABLE "CommonsProposal" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CommonsProposal" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "CommonsProposal" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "CommonsConsent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CommonsConsent" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "CommonsConsent" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "CommonsQuestion" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CommonsQuestion" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "CommonsQuestion" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

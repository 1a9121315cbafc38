-- CreateEnum
CREATE TYPE "InitiativeStatus" AS ENUM ('exploring', 'active', 'paused', 'ended');

-- CreateEnum
CREATE TYPE "MilestoneStatus" AS ENUM ('planned', 'active', 'reached', 'learned', 'dropped');

-- CreateEnum
CREATE TYPE "UpdateKind" AS ENUM ('progress', 'evidence', 'setback', 'lesson');

-- CreateEnum
CREATE TYPE "PledgeStatus" AS ENUM ('pledged', 'released', 'withdrawn');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'milestone_reached';
ALTER TYPE "NotificationKind" ADD VALUE 'milestone_learned';
ALTER TYPE "NotificationKind" ADD VALUE 'milestone_dropped';
ALTER TYPE "NotificationKind" ADD VALUE 'pledge_released';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "milestoneId" TEXT;

-- CreateTable
CREATE TABLE "Initiative" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "systemChange" TEXT NOT NULL,
    "status" "InitiativeStatus" NOT NULL DEFAULT 'exploring',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Initiative_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InitiativeMember" (
    "networkId" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InitiativeMember_pkey" PRIMARY KEY ("networkId","initiativeId","userId")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "unlocks" TEXT NOT NULL,
    "targetDate" DATE,
    "amountNeeded" BIGINT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "status" "MilestoneStatus" NOT NULL DEFAULT 'planned',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "closingNote" TEXT NOT NULL DEFAULT '',
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MilestoneUpdate" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "milestoneId" TEXT NOT NULL,
    "authorId" TEXT,
    "kind" "UpdateKind" NOT NULL,
    "body" TEXT NOT NULL,
    "progress" INTEGER,
    "area" "Area",
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MilestoneUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pledge" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "milestoneId" TEXT NOT NULL,
    "funderId" TEXT,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "condition" TEXT NOT NULL DEFAULT '',
    "status" "PledgeStatus" NOT NULL DEFAULT 'pledged',
    "idempotencyKey" TEXT NOT NULL,
    "releasedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "withdrawReason" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pledge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Initiative_networkId_createdAt_idx" ON "Initiative"("networkId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "InitiativeMember_networkId_userId_idx" ON "InitiativeMember"("networkId", "userId");

-- CreateIndex
CREATE INDEX "Milestone_networkId_status_targetDate_idx" ON "Milestone"("networkId", "status", "targetDate");

-- CreateIndex
CREATE UNIQUE INDEX "Milestone_networkId_initiativeId_position_key" ON "Milestone"("networkId", "initiativeId", "position");

-- CreateIndex
CREATE INDEX "MilestoneUpdate_networkId_milestoneId_createdAt_idx" ON "MilestoneUpdate"("networkId", "milestoneId", "createdAt");

-- CreateIndex
CREATE INDEX "MilestoneUpdate_networkId_kind_createdAt_idx" ON "MilestoneUpdate"("networkId", "kind", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "MilestoneUpdate_networkId_authorId_idempotencyKey_key" ON "MilestoneUpdate"("networkId", "authorId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Pledge_networkId_milestoneId_status_idx" ON "Pledge"("networkId", "milestoneId", "status");

-- CreateIndex
CREATE INDEX "Pledge_networkId_funderId_status_idx" ON "Pledge"("networkId", "funderId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Pledge_networkId_funderId_idempotencyKey_key" ON "Pledge"("networkId", "funderId", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "Initiative" ADD CONSTRAINT "Initiative_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InitiativeMember" ADD CONSTRAINT "InitiativeMember_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InitiativeMember" ADD CONSTRAINT "InitiativeMember_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InitiativeMember" ADD CONSTRAINT "InitiativeMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneUpdate" ADD CONSTRAINT "MilestoneUpdate_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneUpdate" ADD CONSTRAINT "MilestoneUpdate_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneUpdate" ADD CONSTRAINT "MilestoneUpdate_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneUpdate" ADD CONSTRAINT "MilestoneUpdate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pledge" ADD CONSTRAINT "Pledge_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pledge" ADD CONSTRAINT "Pledge_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pledge" ADD CONSTRAINT "Pledge_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

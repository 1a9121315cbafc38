-- CreateEnum
CREATE TYPE "GatheringMode" AS ENUM ('in_person', 'online', 'hybrid');

-- CreateEnum
CREATE TYPE "GatheringVisibility" AS ENUM ('members', 'public');

-- CreateEnum
CREATE TYPE "GatheringStatus" AS ENUM ('proposed', 'planned', 'cancelled');

-- CreateEnum
CREATE TYPE "RsvpStatus" AS ENUM ('going', 'maybe', 'not_going', 'waitlisted');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'gathering_planned';
ALTER TYPE "NotificationKind" ADD VALUE 'gathering_changed';
ALTER TYPE "NotificationKind" ADD VALUE 'gathering_cancelled';
ALTER TYPE "NotificationKind" ADD VALUE 'gathering_reminder';
ALTER TYPE "NotificationKind" ADD VALUE 'gathering_promoted';
ALTER TYPE "NotificationKind" ADD VALUE 'harvest_published';

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "calendarTokenHash" TEXT;

-- AlterTable
ALTER TABLE "Network" ADD COLUMN     "membersProposeGatherings" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "gatheringId" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "calendarTokenHash" TEXT;

-- CreateTable
CREATE TABLE "GatheringSeries" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "endedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GatheringSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Gathering" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "seriesId" TEXT,
    "title" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT '',
    "purposeHtml" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "timeZone" TEXT NOT NULL,
    "mode" "GatheringMode" NOT NULL DEFAULT 'in_person',
    "placeName" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "accessibility" TEXT NOT NULL DEFAULT '',
    "onlineUrl" TEXT NOT NULL DEFAULT '',
    "visibility" "GatheringVisibility" NOT NULL DEFAULT 'members',
    "status" "GatheringStatus" NOT NULL DEFAULT 'planned',
    "capacity" INTEGER,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "cancelledAt" TIMESTAMP(3),
    "cancelReason" TEXT NOT NULL DEFAULT '',
    "remindedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Gathering_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "gatheringId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "hostId" TEXT,
    "threadId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GatheringHost" (
    "networkId" TEXT NOT NULL,
    "gatheringId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GatheringHost_pkey" PRIMARY KEY ("networkId","gatheringId","userId")
);

-- CreateTable
CREATE TABLE "Rsvp" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "gatheringId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" "RsvpStatus" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "waitlistedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rsvp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "gatheringId" TEXT NOT NULL,
    "userId" TEXT,
    "guestName" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Harvest" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "gatheringId" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "summaryHtml" TEXT,
    "agreements" TEXT NOT NULL DEFAULT '',
    "agreementsHtml" TEXT,
    "nextSteps" TEXT NOT NULL DEFAULT '',
    "nextStepsHtml" TEXT,
    "cycleId" TEXT,
    "authorId" TEXT,
    "publishedAt" TIMESTAMP(3),
    "editedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Harvest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HarvestInsight" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "harvestId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "level" "Level" NOT NULL,
    "area" "Area" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HarvestInsight_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HarvestRevision" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "harvestId" TEXT NOT NULL,
    "editorId" TEXT,
    "summary" TEXT NOT NULL,
    "agreements" TEXT NOT NULL,
    "nextSteps" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HarvestRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HarvestThread" (
    "networkId" TEXT NOT NULL,
    "harvestId" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,

    CONSTRAINT "HarvestThread_pkey" PRIMARY KEY ("networkId","harvestId","threadId")
);

-- CreateTable
CREATE TABLE "HarvestMilestone" (
    "networkId" TEXT NOT NULL,
    "harvestId" TEXT NOT NULL,
    "milestoneId" TEXT NOT NULL,

    CONSTRAINT "HarvestMilestone_pkey" PRIMARY KEY ("networkId","harvestId","milestoneId")
);

-- CreateIndex
CREATE INDEX "GatheringSeries_networkId_idx" ON "GatheringSeries"("networkId");

-- CreateIndex
CREATE INDEX "Gathering_networkId_startsAt_idx" ON "Gathering"("networkId", "startsAt");

-- CreateIndex
CREATE INDEX "Gathering_networkId_visibility_startsAt_idx" ON "Gathering"("networkId", "visibility", "startsAt");

-- CreateIndex
CREATE INDEX "Gathering_networkId_seriesId_startsAt_idx" ON "Gathering"("networkId", "seriesId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Gathering_networkId_createdById_idempotencyKey_key" ON "Gathering"("networkId", "createdById", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_networkId_gatheringId_position_key" ON "AgendaItem"("networkId", "gatheringId", "position");

-- CreateIndex
CREATE INDEX "GatheringHost_networkId_userId_idx" ON "GatheringHost"("networkId", "userId");

-- CreateIndex
CREATE INDEX "Rsvp_networkId_gatheringId_status_waitlistedAt_idx" ON "Rsvp"("networkId", "gatheringId", "status", "waitlistedAt");

-- CreateIndex
CREATE INDEX "Rsvp_networkId_userId_idx" ON "Rsvp"("networkId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Rsvp_networkId_gatheringId_userId_key" ON "Rsvp"("networkId", "gatheringId", "userId");

-- CreateIndex
CREATE INDEX "Attendance_networkId_gatheringId_idx" ON "Attendance"("networkId", "gatheringId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_networkId_gatheringId_userId_key" ON "Attendance"("networkId", "gatheringId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Harvest_gatheringId_key" ON "Harvest"("gatheringId");

-- CreateIndex
CREATE INDEX "Harvest_networkId_publishedAt_idx" ON "Harvest"("networkId", "publishedAt" DESC);

-- CreateIndex
CREATE INDEX "Harvest_networkId_cycleId_idx" ON "Harvest"("networkId", "cycleId");

-- CreateIndex
CREATE UNIQUE INDEX "HarvestInsight_networkId_harvestId_position_key" ON "HarvestInsight"("networkId", "harvestId", "position");

-- CreateIndex
CREATE INDEX "HarvestRevision_networkId_harvestId_createdAt_idx" ON "HarvestRevision"("networkId", "harvestId", "createdAt");

-- CreateIndex
CREATE INDEX "HarvestThread_networkId_threadId_idx" ON "HarvestThread"("networkId", "threadId");

-- CreateIndex
CREATE INDEX "HarvestMilestone_networkId_milestoneId_idx" ON "HarvestMilestone"("networkId", "milestoneId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_calendarTokenHash_key" ON "Membership"("calendarTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "User_calendarTokenHash_key" ON "User"("calendarTokenHash");

-- AddForeignKey
ALTER TABLE "GatheringSeries" ADD CONSTRAINT "GatheringSeries_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Gathering" ADD CONSTRAINT "Gathering_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Gathering" ADD CONSTRAINT "Gathering_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "GatheringSeries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_gatheringId_fkey" FOREIGN KEY ("gatheringId") REFERENCES "Gathering"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GatheringHost" ADD CONSTRAINT "GatheringHost_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GatheringHost" ADD CONSTRAINT "GatheringHost_gatheringId_fkey" FOREIGN KEY ("gatheringId") REFERENCES "Gathering"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rsvp" ADD CONSTRAINT "Rsvp_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rsvp" ADD CONSTRAINT "Rsvp_gatheringId_fkey" FOREIGN KEY ("gatheringId") REFERENCES "Gathering"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_gatheringId_fkey" FOREIGN KEY ("gatheringId") REFERENCES "Gathering"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Harvest" ADD CONSTRAINT "Harvest_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Harvest" ADD CONSTRAINT "Harvest_gatheringId_fkey" FOREIGN KEY ("gatheringId") REFERENCES "Gathering"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HarvestInsight" ADD CONSTRAINT "HarvestInsight_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HarvestInsight" ADD CONSTRAINT "HarvestInsight_harvestId_fkey" FOREIGN KEY ("harvestId") REFERENCES "Harvest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HarvestRevision" ADD CONSTRAINT "HarvestRevision_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HarvestRevision" ADD CONSTRAINT "HarvestRevision_harvestId_fkey" FOREIGN KEY ("harvestId") REFERENCES "Harvest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HarvestThread" ADD CONSTRAINT "HarvestThread_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HarvestThread" ADD CONSTRAINT "HarvestThread_harvestId_fkey" FOREIGN KEY ("harvestId") REFERENCES "Harvest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HarvestMilestone" ADD CONSTRAINT "HarvestMilestone_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HarvestMilestone" ADD CONSTRAINT "HarvestMilestone_harvestId_fkey" FOREIGN KEY ("harvestId") REFERENCES "Harvest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security: each gatherings table shows only the rows of the networks the statement may see.
ALTER TABLE "GatheringSeries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "GatheringSeries" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "GatheringSeries" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "Gathering" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Gathering" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Gathering" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "AgendaItem" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AgendaItem" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "AgendaItem" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "GatheringHost" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "GatheringHost" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "GatheringHost" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "Rsvp" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Rsvp" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Rsvp" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "Attendance" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Attendance" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Attendance" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "Harvest" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Harvest" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Harvest" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "HarvestInsight" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "HarvestInsight" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "HarvestInsight" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "HarvestRevision" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "HarvestRevision" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "HarvestRevision" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "HarvestThread" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "HarvestThread" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "HarvestThread" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "HarvestMilestone" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "HarvestMilestone" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "HarvestMilestone" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

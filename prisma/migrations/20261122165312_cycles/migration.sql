-- CreateEnum
CREATE TYPE "ConsentChoice" AS ENUM ('agree', 'concern', 'object');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'cycle_opened';
ALTER TYPE "NotificationKind" ADD VALUE 'cycle_reminder';
ALTER TYPE "NotificationKind" ADD VALUE 'consent_requested';

-- CreateTable
CREATE TABLE "Cycle" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "focusArea" "Area",
    "iDeadline" TIMESTAMP(3) NOT NULL,
    "weDeadline" TIMESTAMP(3) NOT NULL,
    "openedById" TEXT,
    "advancedToWeAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    "closeNote" TEXT NOT NULL DEFAULT '',
    "openSlot" BOOLEAN DEFAULT true,
    "fromConcernId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Cycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reflection" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "area" "Area" NOT NULL,
    "private" BOOLEAN NOT NULL DEFAULT false,
    "submittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reflection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SynthesisRevision" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SynthesisRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SynthesisCitation" (
    "networkId" TEXT NOT NULL,
    "revisionId" TEXT NOT NULL,
    "reflectionId" TEXT NOT NULL,

    CONSTRAINT "SynthesisCitation_pkey" PRIMARY KEY ("networkId","revisionId","reflectionId")
);

-- CreateTable
CREATE TABLE "ConsentRound" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "revisionNumber" INTEGER NOT NULL,
    "calledById" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "ConsentRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentAnswer" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "answer" "ConsentChoice" NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "handledNote" TEXT NOT NULL DEFAULT '',
    "handledById" TEXT,
    "handledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsentAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Cycle_networkId_createdAt_idx" ON "Cycle"("networkId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Cycle_networkId_closedAt_idx" ON "Cycle"("networkId", "closedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Cycle_networkId_openSlot_key" ON "Cycle"("networkId", "openSlot");

-- CreateIndex
CREATE INDEX "Reflection_networkId_cycleId_submittedAt_idx" ON "Reflection"("networkId", "cycleId", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Reflection_networkId_cycleId_authorId_key" ON "Reflection"("networkId", "cycleId", "authorId");

-- CreateIndex
CREATE UNIQUE INDEX "SynthesisRevision_networkId_cycleId_number_key" ON "SynthesisRevision"("networkId", "cycleId", "number");

-- CreateIndex
CREATE INDEX "SynthesisCitation_networkId_reflectionId_idx" ON "SynthesisCitation"("networkId", "reflectionId");

-- CreateIndex
CREATE INDEX "ConsentRound_networkId_cycleId_openedAt_idx" ON "ConsentRound"("networkId", "cycleId", "openedAt" DESC);

-- CreateIndex
CREATE INDEX "ConsentAnswer_networkId_userId_idx" ON "ConsentAnswer"("networkId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentAnswer_networkId_roundId_userId_key" ON "ConsentAnswer"("networkId", "roundId", "userId");

-- AddForeignKey
ALTER TABLE "Cycle" ADD CONSTRAINT "Cycle_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reflection" ADD CONSTRAINT "Reflection_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reflection" ADD CONSTRAINT "Reflection_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reflection" ADD CONSTRAINT "Reflection_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SynthesisRevision" ADD CONSTRAINT "SynthesisRevision_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SynthesisRevision" ADD CONSTRAINT "SynthesisRevision_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SynthesisCitation" ADD CONSTRAINT "SynthesisCitation_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SynthesisCitation" ADD CONSTRAINT "SynthesisCitation_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "SynthesisRevision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SynthesisCitation" ADD CONSTRAINT "SynthesisCitation_reflectionId_fkey" FOREIGN KEY ("reflectionId") REFERENCES "Reflection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentRound" ADD CONSTRAINT "ConsentRound_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentRound" ADD CONSTRAINT "ConsentRound_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentAnswer" ADD CONSTRAINT "ConsentAnswer_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentAnswer" ADD CONSTRAINT "ConsentAnswer_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ConsentRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

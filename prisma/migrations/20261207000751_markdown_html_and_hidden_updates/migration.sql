-- AlterTable
ALTER TABLE "MilestoneUpdate" ADD COLUMN     "bodyHtml" TEXT,
ADD COLUMN     "hiddenAt" TIMESTAMP(3),
ADD COLUMN     "hiddenReason" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Reflection" ADD COLUMN     "bodyHtml" TEXT;

-- AlterTable
ALTER TABLE "SynthesisRevision" ADD COLUMN     "bodyHtml" TEXT;

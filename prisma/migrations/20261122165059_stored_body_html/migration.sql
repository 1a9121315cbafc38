-- AlterTable
ALTER TABLE "Reply" ADD COLUMN     "bodyHtml" TEXT;

-- AlterTable
ALTER TABLE "Thread" ADD COLUMN     "bodyHtml" TEXT;

-- AlterTable
ALTER TABLE "ConsentAnswer" ADD COLUMN     "hiddenAt" TIMESTAMP(3),
ADD COLUMN     "hiddenReason" TEXT NOT NULL DEFAULT '';

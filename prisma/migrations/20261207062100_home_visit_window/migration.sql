-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "visitSince" TIMESTAMP(3);

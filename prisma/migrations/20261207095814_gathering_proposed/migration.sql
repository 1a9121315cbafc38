-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'gathering_proposed';

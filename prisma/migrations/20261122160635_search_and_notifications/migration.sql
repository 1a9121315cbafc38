-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('mention', 'reply_to_thread', 'moderation');

-- AlterTable
ALTER TABLE "Reply" ADD COLUMN     "searchVector" tsvector;

-- AlterTable
ALTER TABLE "Thread" ADD COLUMN     "searchVector" tsvector;

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "actorId" TEXT,
    "threadId" TEXT,
    "replyId" TEXT,
    "dedupeKey" TEXT NOT NULL,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_networkId_userId_idx" ON "Notification"("networkId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_dedupeKey_key" ON "Notification"("userId", "dedupeKey");

-- CreateIndex
CREATE INDEX "Reply_searchVector_idx" ON "Reply" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "Thread_searchVector_idx" ON "Thread" USING GIN ("searchVector");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

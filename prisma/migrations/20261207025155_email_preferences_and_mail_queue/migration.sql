-- CreateEnum
CREATE TYPE "EmailFrequency" AS ENUM ('immediate', 'daily', 'weekly', 'off');

-- CreateEnum
CREATE TYPE "MailKind" AS ENUM ('sign_in', 'notification', 'digest');

-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('queued', 'sent', 'refused');

-- CreateEnum
CREATE TYPE "MailOutcome" AS ENUM ('sent', 'retry', 'refused');

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "emailFrequency" "EmailFrequency";

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "emailedAt" TIMESTAMP(3),
ADD COLUMN     "mailId" TEXT;

-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "headers" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "digestHour" INTEGER NOT NULL DEFAULT 8,
ADD COLUMN     "digestWeekday" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "emailFrequency" "EmailFrequency" NOT NULL DEFAULT 'daily',
ADD COLUMN     "emailRefusedAt" TIMESTAMP(3),
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'Europe/Amsterdam';

-- Whoever had turned the reminder emails off wanted no email from Kring: they keep none.
UPDATE "User" SET "emailFrequency" = 'off' WHERE "emailReminders" = false;
ALTER TABLE "User" DROP COLUMN "emailReminders";

-- Notifications written before email existed stay in the notification centre and are not mailed.
UPDATE "Notification" SET "emailedAt" = CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "MailDigest" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "mailId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailDigest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailMessage" (
    "id" TEXT NOT NULL,
    "kind" "MailKind" NOT NULL,
    "userId" TEXT,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "messageId" TEXT NOT NULL,
    "status" "MailStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailAttempt" (
    "id" TEXT NOT NULL,
    "mailId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" "MailOutcome" NOT NULL,
    "response" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "MailAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MailDigest_userId_createdAt_idx" ON "MailDigest"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MailDigest_networkId_userId_period_key" ON "MailDigest"("networkId", "userId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "MailMessage_messageId_key" ON "MailMessage"("messageId");

-- CreateIndex
CREATE INDEX "MailMessage_status_nextAttemptAt_idx" ON "MailMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "MailMessage_userId_createdAt_idx" ON "MailMessage"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "MailAttempt_mailId_at_idx" ON "MailAttempt"("mailId", "at");

-- CreateIndex
CREATE INDEX "Notification_emailedAt_readAt_createdAt_idx" ON "Notification"("emailedAt", "readAt", "createdAt");

-- AddForeignKey
ALTER TABLE "MailDigest" ADD CONSTRAINT "MailDigest_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailDigest" ADD CONSTRAINT "MailDigest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailMessage" ADD CONSTRAINT "MailMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailAttempt" ADD CONSTRAINT "MailAttempt_mailId_fkey" FOREIGN KEY ("mailId") REFERENCES "MailMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security as on every tenant table (decision 022).
ALTER TABLE "MailDigest" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MailDigest" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "MailDigest" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

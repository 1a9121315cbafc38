-- CreateEnum
CREATE TYPE "WebhookEvent" AS ENUM ('reply_created', 'cycle_closed', 'milestone_status_changed', 'pledge_released');

-- CreateEnum
CREATE TYPE "WebhookDisabledReason" AS ENUM ('broker', 'failing');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('pending', 'delivered', 'failed');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'webhook_disabled';

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "events" "WebhookEvent"[],
    "secret" TEXT NOT NULL,
    "createdById" TEXT,
    "disabledAt" TIMESTAMP(3),
    "disabledReason" "WebhookDisabledReason",
    "failingSince" TIMESTAMP(3),
    "rotatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "eventType" "WebhookEvent" NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "lockedUntil" TIMESTAMP(3),
    "lastAttemptAt" TIMESTAMP(3),
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookEndpoint_networkId_createdAt_idx" ON "WebhookEndpoint"("networkId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_networkId_createdAt_id_idx" ON "WebhookDelivery"("networkId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_idx" ON "WebhookDelivery"("endpointId");

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation (decision 003): an endpoint and its deliveries are visible only within their network.
ALTER TABLE "WebhookEndpoint" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "WebhookEndpoint" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "WebhookEndpoint" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));
ALTER TABLE "WebhookDelivery" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "WebhookDelivery" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "WebhookDelivery" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

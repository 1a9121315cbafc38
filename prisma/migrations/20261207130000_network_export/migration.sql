-- CreateEnum
CREATE TYPE "NetworkExportStatus" AS ENUM ('queued', 'building', 'ready', 'failed', 'expired');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'network_export_ready';

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "emailInExport" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "NetworkExport" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "status" "NetworkExportStatus" NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "file" BYTEA,
    "size" INTEGER,
    "sha256" TEXT,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "NetworkExport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NetworkExport_networkId_createdAt_idx" ON "NetworkExport"("networkId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "NetworkExport_status_lockedUntil_idx" ON "NetworkExport"("status", "lockedUntil");

-- AddForeignKey
ALTER TABLE "NetworkExport" ADD CONSTRAINT "NetworkExport_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (decision 022): an export is one network's row like any other.
ALTER TABLE "NetworkExport" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "NetworkExport" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "NetworkExport" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

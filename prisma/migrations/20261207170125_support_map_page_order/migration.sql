-- DropIndex
DROP INDEX "SupportEntry_networkId_status_provider_idx";

-- CreateIndex
CREATE INDEX "SupportEntry_networkId_status_provider_name_id_idx" ON "SupportEntry"("networkId", "status", "provider", "name", "id");

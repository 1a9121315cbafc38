-- AlterEnum
ALTER TYPE "MembershipStatus" ADD VALUE 'invited';

-- CreateTable
CREATE TABLE "NetworkImport" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "exportId" TEXT NOT NULL,
    "sourceNetworkId" TEXT NOT NULL,
    "sourceSlug" TEXT NOT NULL,
    "formatVersion" TEXT NOT NULL,
    "appVersion" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NetworkImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NetworkImport_exportId_key" ON "NetworkImport"("exportId");

-- CreateIndex
CREATE INDEX "NetworkImport_networkId_idx" ON "NetworkImport"("networkId");

-- AddForeignKey
ALTER TABLE "NetworkImport" ADD CONSTRAINT "NetworkImport_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (decision 022): an import's record is one network's row like any other.
ALTER TABLE "NetworkImport" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "NetworkImport" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "NetworkImport" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

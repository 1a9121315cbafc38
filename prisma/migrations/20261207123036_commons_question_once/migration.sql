-- AlterTable
ALTER TABLE "CommonsQuestion" ADD COLUMN     "idempotencyKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "CommonsQuestion_networkId_askerId_idempotencyKey_key" ON "CommonsQuestion"("networkId", "askerId", "idempotencyKey");

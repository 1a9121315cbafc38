-- CreateIndex
CREATE INDEX "ExchangePost_networkId_createdAt_id_idx" ON "ExchangePost"("networkId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Thread_networkId_createdAt_id_idx" ON "Thread"("networkId", "createdAt" DESC, "id" DESC);

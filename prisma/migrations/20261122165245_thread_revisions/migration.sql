-- CreateTable
CREATE TABLE "ThreadRevision" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThreadRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ThreadRevision_networkId_threadId_createdAt_idx" ON "ThreadRevision"("networkId", "threadId", "createdAt");

-- AddForeignKey
ALTER TABLE "ThreadRevision" ADD CONSTRAINT "ThreadRevision_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadRevision" ADD CONSTRAINT "ThreadRevision_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

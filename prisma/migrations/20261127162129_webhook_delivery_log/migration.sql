-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "redeliveryOfId" UUID;

-- CreateIndex
CREATE INDEX "WebhookDelivery_appId_environment_createdAt_idx" ON "WebhookDelivery"("appId", "environment", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "WebhookDelivery_appId_eventType_createdAt_idx" ON "WebhookDelivery"("appId", "eventType", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "WebhookDelivery_createdAt_idx" ON "WebhookDelivery"("createdAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_redeliveryOfId_idx" ON "WebhookDelivery"("redeliveryOfId");

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_redeliveryOfId_fkey" FOREIGN KEY ("redeliveryOfId") REFERENCES "WebhookDelivery"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "requestBody" TEXT,
ADD COLUMN     "requestHeaders" JSONB;


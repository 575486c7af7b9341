-- DropIndex
DROP INDEX "AuditEvent_appId_idx";

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'APP';

-- The events recorded before kinds existed, classified as packages/domain/src/activity.ts does.
UPDATE "AuditEvent" SET "kind" = CASE
  WHEN "action" LIKE 'credentials.%' THEN 'CREDENTIALS'
  WHEN "action" LIKE 'password-reset.%' OR "action" LIKE 'staff.%' THEN 'ACCOUNTS'
  ELSE 'APP'
END;

-- CreateIndex
CREATE INDEX "AuditEvent_appId_createdAt_id_idx" ON "AuditEvent"("appId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_appId_kind_createdAt_id_idx" ON "AuditEvent"("appId", "kind", "createdAt" DESC, "id" DESC);


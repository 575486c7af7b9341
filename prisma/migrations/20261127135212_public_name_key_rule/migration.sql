-- publicNameKey becomes a lookalike skeleton (rule 2). Existing keys keep rule 1 until the API
-- recomputes them (refreshPublicNameKeys, at start and before the first public-name save of
-- each process): the skeleton needs Unicode data that SQL does not have.
-- AlterTable
ALTER TABLE "GeneralInfo" ADD COLUMN     "publicNameKeyRule" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_action_createdAt_idx" ON "AuditEvent"("actorId", "action", "createdAt");


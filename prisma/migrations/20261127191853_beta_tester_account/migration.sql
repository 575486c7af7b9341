-- AlterTable
ALTER TABLE "BetaTester" ADD COLUMN     "developerId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "BetaTester_rolloutId_developerId_key" ON "BetaTester"("rolloutId", "developerId");


-- CreateEnum
CREATE TYPE "RolloutStrategy" AS ENUM ('GRADUAL', 'BETA', 'FULL');

-- CreateEnum
CREATE TYPE "RolloutStatus" AS ENUM ('DEPLOYMENT_PENDING', 'IN_PROGRESS', 'PAUSED', 'COMPLETED', 'ROLLED_BACK', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "RolloutEventKind" AS ENUM ('STARTED', 'DEPLOYED', 'RAISED', 'PAUSED', 'RESUMED', 'PROMOTED', 'COMPLETED', 'ROLLED_BACK', 'SUPERSEDED', 'RESTORED', 'BETA_INVITE_CREATED', 'TESTER_JOINED');

-- CreateTable
CREATE TABLE "Rollout" (
    "id" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "strategy" "RolloutStrategy" NOT NULL,
    "status" "RolloutStatus" NOT NULL,
    "percent" INTEGER NOT NULL,
    "nationwide" BOOLEAN NOT NULL,
    "states" TEXT[],
    "previousId" UUID,
    "betaTokenHash" TEXT,
    "betaExpiresAt" TIMESTAMP(3),
    "startedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "rolledBackAt" TIMESTAMP(3),
    "rollbackReason" TEXT,

    CONSTRAINT "Rollout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RolloutEvent" (
    "id" UUID NOT NULL,
    "rolloutId" UUID NOT NULL,
    "kind" "RolloutEventKind" NOT NULL,
    "percent" INTEGER NOT NULL,
    "reason" TEXT,
    "actorId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RolloutEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BetaTester" (
    "id" UUID NOT NULL,
    "rolloutId" UUID NOT NULL,
    "state" TEXT NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BetaTester_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Rollout_betaTokenHash_key" ON "Rollout"("betaTokenHash");

-- CreateIndex
CREATE INDEX "Rollout_appId_createdAt_idx" ON "Rollout"("appId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Rollout_versionId_idx" ON "Rollout"("versionId");

-- CreateIndex
CREATE INDEX "RolloutEvent_rolloutId_createdAt_idx" ON "RolloutEvent"("rolloutId", "createdAt");

-- CreateIndex
CREATE INDEX "BetaTester_rolloutId_idx" ON "BetaTester"("rolloutId");

-- AddForeignKey
ALTER TABLE "Rollout" ADD CONSTRAINT "Rollout_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rollout" ADD CONSTRAINT "Rollout_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AppVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RolloutEvent" ADD CONSTRAINT "RolloutEvent_rolloutId_fkey" FOREIGN KEY ("rolloutId") REFERENCES "Rollout"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BetaTester" ADD CONSTRAINT "BetaTester_rolloutId_fkey" FOREIGN KEY ("rolloutId") REFERENCES "Rollout"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The cache's change feed (20261125170000_change_notifications): every table raises it.
CREATE TRIGGER "Rollout_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Rollout" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "RolloutEvent_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RolloutEvent" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "BetaTester_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "BetaTester" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();

-- An app has at most one rollout pending, in progress or paused. The service already takes a
-- per-app advisory lock; this index makes the rule the database's own, so a writer that skips
-- the lock (another code path, a script) cannot leave two rollouts under way either.
-- Prisma's datamodel cannot express a partial index: it is written here by hand, and the drift
-- test (packages/db/test/migrations.test.ts) lists it among the hand-written indexes.
CREATE UNIQUE INDEX "Rollout_one_active_per_app" ON "Rollout"("appId") WHERE "status" IN ('DEPLOYMENT_PENDING', 'IN_PROGRESS', 'PAUSED');

-- CreateTable
CREATE TABLE "EndpointCheckRun" (
    "id" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "environment" "Environment" NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "checks" JSONB NOT NULL,
    "urls" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EndpointCheckRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EndpointCheckRun_appId_environment_createdAt_idx" ON "EndpointCheckRun"("appId", "environment", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "EndpointCheckRun" ADD CONSTRAINT "EndpointCheckRun_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The API's response cache drops what it holds on any change (README: Caching): a run or its deletion is a change.
CREATE TRIGGER "EndpointCheckRun_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "EndpointCheckRun" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();

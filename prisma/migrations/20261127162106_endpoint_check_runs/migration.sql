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


-- CreateEnum
CREATE TYPE "CertificationStatus" AS ENUM ('PRECHECKS', 'PRECHECK_FAILED', 'UNDER_REVIEW', 'CHANGES_REQUESTED', 'CERTIFIED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "WithdrawReason" AS ENUM ('FOUND_A_PROBLEM', 'CHANGES_COMING', 'SUBMITTED_BY_MISTAKE', 'OTHER');

-- AlterEnum
ALTER TYPE "DeveloperRole" ADD VALUE 'REVIEWER';

-- CreateTable
CREATE TABLE "AppVersion" (
    "id" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "releaseNotes" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,

    CONSTRAINT "AppVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppVersionMedia" (
    "id" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "kind" "MediaKind" NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "storageKey" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "durationMs" INTEGER,

    CONSTRAINT "AppVersionMedia_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificationSubmission" (
    "id" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "status" "CertificationStatus" NOT NULL DEFAULT 'PRECHECKS',
    "submittedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "prechecks" JSONB NOT NULL DEFAULT '[]',
    "findings" JSONB NOT NULL DEFAULT '[]',
    "reviewerId" UUID,
    "claimedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "withdrawnReason" "WithdrawReason",
    "withdrawnMessage" TEXT,

    CONSTRAINT "CertificationSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AppVersion_appId_number_key" ON "AppVersion"("appId", "number");

-- CreateIndex
CREATE INDEX "AppVersionMedia_versionId_idx" ON "AppVersionMedia"("versionId");

-- CreateIndex
CREATE INDEX "AppVersionMedia_storageKey_idx" ON "AppVersionMedia"("storageKey");

-- CreateIndex
CREATE INDEX "AppVersionMedia_appId_idx" ON "AppVersionMedia"("appId");

-- CreateIndex
CREATE UNIQUE INDEX "CertificationSubmission_versionId_key" ON "CertificationSubmission"("versionId");

-- CreateIndex
CREATE INDEX "CertificationSubmission_appId_createdAt_idx" ON "CertificationSubmission"("appId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "CertificationSubmission_status_createdAt_idx" ON "CertificationSubmission"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "AppVersion" ADD CONSTRAINT "AppVersion_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppVersionMedia" ADD CONSTRAINT "AppVersionMedia_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AppVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificationSubmission" ADD CONSTRAINT "CertificationSubmission_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificationSubmission" ADD CONSTRAINT "CertificationSubmission_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AppVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;


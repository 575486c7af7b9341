-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "DeveloperRole" AS ENUM ('DEVELOPER', 'SUPPORT');

-- CreateEnum
CREATE TYPE "MediaKind" AS ENUM ('ICON', 'MAIN_IMAGE', 'ADDITIONAL_IMAGE', 'VIDEO', 'VIDEO_THUMBNAIL');

-- CreateEnum
CREATE TYPE "Environment" AS ENUM ('STAGING', 'PRODUCTION');

-- CreateTable
CREATE TABLE "Developer" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "DeveloperRole" NOT NULL DEFAULT 'DEVELOPER',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Developer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "developerId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "developerId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "App" (
    "id" UUID NOT NULL,
    "developerId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),
    "buildCompletedAt" TIMESTAMP(3),
    "testCompletedAt" TIMESTAMP(3),
    "certifiedAt" TIMESTAMP(3),
    "complianceAgreementVersion" TEXT NOT NULL,
    "complianceAcceptedAt" TIMESTAMP(3) NOT NULL,
    "complianceAcceptedById" UUID NOT NULL,

    CONSTRAINT "App_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Credential" (
    "appId" UUID NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretHash" TEXT NOT NULL,
    "hmacKeyEncrypted" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Credential_pkey" PRIMARY KEY ("appId")
);

-- CreateTable
CREATE TABLE "GeneralInfo" (
    "appId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "savedAt" TIMESTAMP(3),
    "publicName" TEXT,
    "publicNameKey" TEXT,
    "iconId" UUID,
    "shortDescription" TEXT,
    "detailedDescription" TEXT,
    "categories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "latestRelease" TEXT,

    CONSTRAINT "GeneralInfo_pkey" PRIMARY KEY ("appId")
);

-- CreateTable
CREATE TABLE "MediaInfo" (
    "appId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "savedAt" TIMESTAMP(3),
    "mainImageId" UUID,
    "videoId" UUID,
    "videoThumbnailId" UUID,

    CONSTRAINT "MediaInfo_pkey" PRIMARY KEY ("appId")
);

-- CreateTable
CREATE TABLE "AdditionalImage" (
    "appId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "assetId" UUID NOT NULL,

    CONSTRAINT "AdditionalImage_pkey" PRIMARY KEY ("appId","position")
);

-- CreateTable
CREATE TABLE "CompatibilityInfo" (
    "appId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "savedAt" TIMESTAMP(3),
    "features" TEXT,
    "requirements" TEXT,
    "customerTypes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "supportedDevices" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "cameraTypes" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "CompatibilityInfo_pkey" PRIMARY KEY ("appId")
);

-- CreateTable
CREATE TABLE "AdditionalInfo" (
    "appId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "savedAt" TIMESTAMP(3),
    "developerInfo" TEXT,
    "websiteUrl" TEXT,
    "supportUrl" TEXT,
    "privacyPolicyUrl" TEXT,
    "termsOfServiceUrl" TEXT,

    CONSTRAINT "AdditionalInfo_pkey" PRIMARY KEY ("appId")
);

-- CreateTable
CREATE TABLE "MediaAsset" (
    "id" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "kind" "MediaKind" NOT NULL,
    "storageKey" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "durationMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MediaAsset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountLinking" (
    "appId" UUID NOT NULL,
    "environment" "Environment" NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "savedAt" TIMESTAMP(3),
    "authorizationUrl" TEXT,
    "appHomepageUrl" TEXT,
    "tokenExchangeUrl" TEXT,
    "webhookUrl" TEXT,

    CONSTRAINT "AccountLinking_pkey" PRIMARY KEY ("appId","environment")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "environment" "Environment" NOT NULL,
    "eventType" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "statusCode" INTEGER,
    "durationMs" INTEGER NOT NULL,
    "responseExcerpt" TEXT,
    "error" TEXT,
    "refused" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" UUID NOT NULL,
    "actorId" UUID,
    "appId" UUID,
    "action" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Developer_email_key" ON "Developer"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_developerId_idx" ON "Session"("developerId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_developerId_idx" ON "ApiToken"("developerId");

-- CreateIndex
CREATE INDEX "App_developerId_createdAt_idx" ON "App"("developerId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Credential_clientId_key" ON "Credential"("clientId");

-- CreateIndex
CREATE UNIQUE INDEX "GeneralInfo_publicNameKey_key" ON "GeneralInfo"("publicNameKey");

-- CreateIndex
CREATE INDEX "MediaAsset_appId_idx" ON "MediaAsset"("appId");

-- CreateIndex
CREATE INDEX "MediaAsset_storageKey_idx" ON "MediaAsset"("storageKey");

-- CreateIndex
CREATE INDEX "WebhookDelivery_appId_createdAt_idx" ON "WebhookDelivery"("appId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_appId_idx" ON "AuditEvent"("appId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_developerId_fkey" FOREIGN KEY ("developerId") REFERENCES "Developer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_developerId_fkey" FOREIGN KEY ("developerId") REFERENCES "Developer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "App" ADD CONSTRAINT "App_developerId_fkey" FOREIGN KEY ("developerId") REFERENCES "Developer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GeneralInfo" ADD CONSTRAINT "GeneralInfo_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GeneralInfo" ADD CONSTRAINT "GeneralInfo_iconId_fkey" FOREIGN KEY ("iconId") REFERENCES "MediaAsset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaInfo" ADD CONSTRAINT "MediaInfo_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaInfo" ADD CONSTRAINT "MediaInfo_mainImageId_fkey" FOREIGN KEY ("mainImageId") REFERENCES "MediaAsset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaInfo" ADD CONSTRAINT "MediaInfo_videoId_fkey" FOREIGN KEY ("videoId") REFERENCES "MediaAsset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaInfo" ADD CONSTRAINT "MediaInfo_videoThumbnailId_fkey" FOREIGN KEY ("videoThumbnailId") REFERENCES "MediaAsset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdditionalImage" ADD CONSTRAINT "AdditionalImage_appId_fkey" FOREIGN KEY ("appId") REFERENCES "MediaInfo"("appId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdditionalImage" ADD CONSTRAINT "AdditionalImage_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "MediaAsset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompatibilityInfo" ADD CONSTRAINT "CompatibilityInfo_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdditionalInfo" ADD CONSTRAINT "AdditionalInfo_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaAsset" ADD CONSTRAINT "MediaAsset_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountLinking" ADD CONSTRAINT "AccountLinking_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;


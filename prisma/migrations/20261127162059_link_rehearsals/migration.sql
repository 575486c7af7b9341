-- CreateEnum
CREATE TYPE "LinkRehearsalStatus" AS ENUM ('CODE_SENT', 'CODE_EXCHANGED', 'ACCOUNT_FETCHED', 'AWAITING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "SandboxTokenKind" AS ENUM ('ACCESS', 'REFRESH');

-- CreateTable
CREATE TABLE "LinkRehearsal" (
    "id" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "environment" "Environment" NOT NULL,
    "status" "LinkRehearsalStatus" NOT NULL DEFAULT 'CODE_SENT',
    "accountId" TEXT NOT NULL,
    "steps" JSONB NOT NULL DEFAULT '[]',
    "codeHash" TEXT NOT NULL,
    "codeSentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "codeUsedAt" TIMESTAMP(3),
    "authorizationUrl" TEXT NOT NULL,
    "appHomepageUrl" TEXT NOT NULL,
    "tokenExchangeUrl" TEXT NOT NULL,
    "webhookUrl" TEXT NOT NULL,
    "accountLinkUrl" TEXT,
    "linkTime" TEXT,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkRehearsal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SandboxToken" (
    "id" UUID NOT NULL,
    "rehearsalId" UUID NOT NULL,
    "kind" "SandboxTokenKind" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "SandboxToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LinkRehearsal_codeHash_key" ON "LinkRehearsal"("codeHash");

-- CreateIndex
CREATE INDEX "LinkRehearsal_appId_createdAt_idx" ON "LinkRehearsal"("appId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "LinkRehearsal_status_codeSentAt_idx" ON "LinkRehearsal"("status", "codeSentAt");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxToken_tokenHash_key" ON "SandboxToken"("tokenHash");

-- CreateIndex
CREATE INDEX "SandboxToken_rehearsalId_idx" ON "SandboxToken"("rehearsalId");

-- AddForeignKey
ALTER TABLE "LinkRehearsal" ADD CONSTRAINT "LinkRehearsal_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SandboxToken" ADD CONSTRAINT "SandboxToken_rehearsalId_fkey" FOREIGN KEY ("rehearsalId") REFERENCES "LinkRehearsal"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Change notifications, as for every table (see 20261125170000_change_notifications): a cached
-- answer listing rehearsals must drop when the sandbox or the sweep changes one.
CREATE TRIGGER "LinkRehearsal_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "LinkRehearsal" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "SandboxToken_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SandboxToken" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();

-- CreateEnum
CREATE TYPE "QuestionnaireTabName" AS ENUM ('GENERAL', 'DATA_PROCESSING', 'AI_GOVERNANCE', 'DATA_PROTECTION', 'THIRD_PARTIES');

-- CreateTable
CREATE TABLE "QuestionnaireAnswers" (
    "appId" UUID NOT NULL,
    "tab" "QuestionnaireTabName" NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "savedAt" TIMESTAMP(3),
    "answers" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "QuestionnaireAnswers_pkey" PRIMARY KEY ("appId","tab")
);

-- CreateTable
CREATE TABLE "ReviewerNotes" (
    "appId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "savedAt" TIMESTAMP(3),
    "testingInstructions" TEXT NOT NULL DEFAULT '',
    "testAccountEncrypted" TEXT NOT NULL DEFAULT '',
    "otherNotes" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ReviewerNotes_pkey" PRIMARY KEY ("appId")
);

-- AddForeignKey
ALTER TABLE "QuestionnaireAnswers" ADD CONSTRAINT "QuestionnaireAnswers_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerNotes" ADD CONSTRAINT "ReviewerNotes_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Every committed write empties the caches (see change_notifications).
CREATE TRIGGER "QuestionnaireAnswers_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "QuestionnaireAnswers" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "ReviewerNotes_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ReviewerNotes" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();

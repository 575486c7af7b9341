-- AlterTable
ALTER TABLE "AppVersion" ADD COLUMN     "questionnaire" JSONB,
ADD COLUMN     "reviewerNotes" JSONB;

-- AlterTable
ALTER TABLE "CertificationSubmission" ADD COLUMN     "endpointCheckRunId" UUID;

-- AddForeignKey
ALTER TABLE "CertificationSubmission" ADD CONSTRAINT "CertificationSubmission_endpointCheckRunId_fkey" FOREIGN KEY ("endpointCheckRunId") REFERENCES "EndpointCheckRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;


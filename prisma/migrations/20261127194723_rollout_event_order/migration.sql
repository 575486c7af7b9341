-- AlterTable
ALTER TABLE "RolloutEvent" ADD COLUMN     "seq" SERIAL NOT NULL;


-- AlterTable
ALTER TABLE "Edition" ADD COLUMN     "admission" TEXT NOT NULL DEFAULT 'ordine-arrivo',
ADD COLUMN     "applicationQuestions" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "selectionClosedAt" TIMESTAMP(3),
ADD COLUMN     "selectionCriteria" TEXT NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "answers" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "motivation" TEXT,
ADD COLUMN     "priority" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "scores" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "totalScore" DOUBLE PRECISION;


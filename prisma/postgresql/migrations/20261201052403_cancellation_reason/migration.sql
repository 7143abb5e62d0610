-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "cancellationReason" TEXT;

-- AlterTable
ALTER TABLE "Edition" ADD COLUMN     "cancellationReason" TEXT;

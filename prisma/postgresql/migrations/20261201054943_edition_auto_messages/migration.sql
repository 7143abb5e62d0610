-- CreateTable
CREATE TABLE "EditionAutoMessage" (
    "id" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EditionAutoMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EditionAutoMessage_rule_idx" ON "EditionAutoMessage"("rule");

-- CreateIndex
CREATE UNIQUE INDEX "EditionAutoMessage_editionId_rule_key" ON "EditionAutoMessage"("editionId", "rule");

-- AddForeignKey
ALTER TABLE "EditionAutoMessage" ADD CONSTRAINT "EditionAutoMessage_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A person's alerts for new events matching a catalogue search (ADR 0088).
CREATE TABLE "CatalogueAlert" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checkedUntil" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogueAlert_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "CatalogueAlert_userId_query_key" ON "CatalogueAlert"("userId", "query");
CREATE INDEX "CatalogueAlert_checkedUntil_idx" ON "CatalogueAlert"("checkedUntil");
ALTER TABLE "CatalogueAlert" ADD CONSTRAINT "CatalogueAlert_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

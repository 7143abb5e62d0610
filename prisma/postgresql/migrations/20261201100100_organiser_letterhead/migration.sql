-- CreateTable
CREATE TABLE "OrganiserLetterhead" (
    "userId" TEXT NOT NULL,
    "signatoryName" TEXT NOT NULL DEFAULT '',
    "signatoryRole" TEXT NOT NULL DEFAULT '',
    "logo" BYTEA,
    "logoMimeType" TEXT,
    "signature" BYTEA,
    "signatureMimeType" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrganiserLetterhead_pkey" PRIMARY KEY ("userId")
);

-- AddForeignKey
ALTER TABLE "OrganiserLetterhead" ADD CONSTRAINT "OrganiserLetterhead_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

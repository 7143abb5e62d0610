-- A permanent refusal of a person's address by its mail server (SMTP 5xx to RCPT TO): when, and the server's answer.
ALTER TABLE "User" ADD COLUMN "emailRefusedAt" TIMESTAMP(3);
ALTER TABLE "User" ADD COLUMN "emailRefusal" TEXT;

-- Sessions kept on a device (14 days) or ended after idle time and with the browser (ADR 0089).
ALTER TABLE "UserSession" ADD COLUMN "persistent" BOOLEAN NOT NULL DEFAULT true;

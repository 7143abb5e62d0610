-- A trainer's short note on a register line (at most 200 characters, staff only), and the note before and after each change in the register's history.
ALTER TABLE "AttendanceRecord" ADD COLUMN "note" TEXT;
ALTER TABLE "AttendanceChange" ADD COLUMN "fromNote" TEXT;
ALTER TABLE "AttendanceChange" ADD COLUMN "toNote" TEXT;

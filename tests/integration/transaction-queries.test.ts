// Queries inside an interactive transaction run one at a time on its connection (issue 17, ADR 0034).
// Prisma's query interpreter reads a relation's children with Promise.all; inside `$transaction` they all
// go to the transaction's one pg client, which then queued them itself: pg 8.19+ prints "Calling
// client.query() when the client is already executing a query is deprecated" and pg 9 refuses it.
// patches/@prisma+adapter-pg+6.19.3.patch serialises them in the adapter. On SQLite (one connection, no
// such queue) the same reads must simply give the same rows.
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition } from "../support/factories.ts";

afterAll(() => prisma.$disconnect());

const QUEUE_WARNING = /already executing a query/;

describe("queries inside a transaction", () => {
  it("reads an event with several relations in a transaction as outside it, with no pg queue warning", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on("warning", onWarning);
    try {
      const { event } = await createOpenEdition({ schoolLevels: ["primaria", "infanzia"], audienceRoles: ["docente"] });
      const read = {
        where: { id: event.id },
        include: {
          schoolLevels: { select: { schoolLevel: true }, orderBy: { schoolLevel: "asc" } },
          audienceRoles: { select: { role: true } },
          themes: { select: { theme: true } },
          editions: { orderBy: { number: "asc" }, include: { sessions: { orderBy: { startsAt: "asc" } } } },
        },
      } as const;
      const outside = await prisma.event.findUnique(read);
      // Several reads at once on the transaction's connection, each with relations to fetch.
      const inside = await prisma.$transaction(async (tx) =>
        Promise.all([tx.event.findUnique(read), tx.event.findUnique(read), tx.edition.count()]),
      );
      expect(outside?.schoolLevels).toEqual([{ schoolLevel: "infanzia" }, { schoolLevel: "primaria" }]);
      expect(outside?.editions[0]?.sessions.length).toBeGreaterThan(0);
      expect(inside[0]).toEqual(outside);
      expect(inside[1]).toEqual(outside);
      expect(inside[2]).toBeGreaterThan(0);
      // process.emitWarning reports on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => QUEUE_WARNING.test(w))).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });
});

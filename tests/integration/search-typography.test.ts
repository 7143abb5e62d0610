// Searching "dell’infanzia" (the apostrophe phones and word processors type) finds what
// "dell'infanzia" finds: the same normalisation on the stored text and on the words searched, and
// a migration that brings rows stored before it into line (issue 11, item 9).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchCatalogue } from "../../app/models/catalogue.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { eventCreateInput, meeting, romeDaysFrom, type EventSpec } from "../../prisma/seed-data/event-builder.ts";
import { createUser, unique } from "../support/factories.ts";

const NOW = new Date();
let organiserId = "";

beforeAll(async () => {
  organiserId = (await createUser({ roles: [{ role: "unita-nazionale" }] })).id;
});
afterAll(() => prisma.$disconnect());

function spec(title: string, description: string): EventSpec {
  const day = romeDaysFrom(NOW, 10);
  return {
    title,
    description,
    type: "webinar",
    level: "nazionale",
    mode: "online",
    onlineUrl: "https://meet.example.it/stanza",
    status: "pubblicato",
    createdById: organiserId,
    schoolLevels: ["infanzia"],
    audienceRoles: ["docente"],
    themes: ["didattica-metodologie"],
    editions: [
      {
        seatCap: 100,
        seatsTaken: 0,
        enrolmentOpensAt: romeDaysFrom(NOW, -5),
        enrolmentClosesAt: romeDaysFrom(day, -1, "23:59"),
        sessions: [meeting(day, "16:30", "18:30")],
      },
    ],
  };
}

async function found(q: string): Promise<string[]> {
  const r = await searchCatalogue({ q }, 1, { now: NOW });
  return r.events.map((e) => e.id).sort();
}

describe("typographic quotes and dashes", () => {
  it("dell’infanzia finds what dell'infanzia finds, whichever apostrophe the event was written with", async () => {
    const tag = unique("tipo");
    const typed = await prisma.event.create({
      data: eventCreateInput(spec(`Scuola dell’infanzia ${tag}`, "Giochi e linguaggi – primo ciclo.")),
      select: { id: true },
    });
    const plain = await prisma.event.create({
      data: eventCreateInput(spec(`Scuola dell'infanzia ${tag}`, "Giochi e linguaggi - primo ciclo.")),
      select: { id: true },
    });
    const both = [typed.id, plain.id].sort();
    expect(await found(`dell'infanzia ${tag}`)).toEqual(both);
    expect(await found(`dell’infanzia ${tag}`)).toEqual(both);
    expect(await found(`DELL‘INFANZIA ${tag}`)).toEqual(both);
    expect(await found(`linguaggi – primo ${tag}`)).toEqual(both);
  });

  it("the migration normalises rows stored before the change", async () => {
    const tag = unique("vecchio");
    const old = await prisma.event.create({
      data: eventCreateInput(spec(`Corso ${tag}`, "Descrizione")),
      select: { id: true },
    });
    // What the previous normalisation stored: the typographic apostrophe kept as typed.
    await prisma.event.update({
      where: { id: old.id },
      data: { searchText: `corso ${tag} dell’infanzia “base” – uno` },
    });
    expect(await found(`dell'infanzia ${tag}`)).toEqual([]);
    const engineDir = process.env.DATABASE_URL?.startsWith("postgres")
      ? "prisma/postgresql/migrations"
      : "prisma/migrations";
    const sql = fs.readFileSync(
      path.resolve(
        import.meta.dirname,
        "../..",
        engineDir,
        "20261201032000_search_text_typographic_quotes/migration.sql",
      ),
      "utf8",
    );
    await prisma.$executeRawUnsafe(
      sql
        .replace(/^--.*$/gm, "")
        .trim()
        .replace(/;$/, ""),
    );
    expect(await found(`dell'infanzia ${tag}`)).toEqual([old.id]);
    expect(await found(`dell’infanzia ${tag}`)).toEqual([old.id]);
    const row = await prisma.event.findUniqueOrThrow({ where: { id: old.id }, select: { searchText: true } });
    expect(row.searchText).toBe(`corso ${tag} dell'infanzia "base" - uno`);
  });
});

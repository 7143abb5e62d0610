// The organiser's participant list of a real edition (issue 15, item 5), on both engines: search by
// name, email or school (case-insensitive, LIKE wildcards taken literally), filter by status
// including "with a certificate" and "ended", pages; counts per filter; and the places per status
// of each event in the organiser's events list, grouped through its editions.
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { parseParticipantQuery, PARTICIPANTS_PAGE_SIZE } from "../../app/domain/participant-list.ts";
import { cancelByTeacher, enrol } from "../../app/models/enrolment.server.ts";
import {
  countParticipantsByFilter,
  countPlacesByEvent,
  loadParticipantList,
} from "../../app/models/participant-list.server.ts";
import * as editionRoute from "../../app/routes/gestione.edizioni.$editionId.tsx";
import * as eventsRoute from "../../app/routes/gestione.eventi._index.tsx";
import { editionCsv, loadEditionForOrganiser } from "../../app/models/enrolment-views.server.ts";
import { addQuota } from "../../app/models/seat-ledger.server.ts";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import { createCertificate, createOpenEdition, createTeachers, createUser, unique } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { managedEdition } from "../support/scopes.ts";
import { sqlitePlansOf } from "../support/sqlite-plans.ts";

afterAll(() => prisma.$disconnect());

const query = (params: Record<string, string> = {}) => parseParticipantQuery(new URLSearchParams(params));

/** An edition of 2 seats: Bianchi and Verdi seated (Verdi certified), Neri waiting, Gialli cancelled. */
async function scenario() {
  const { organiser, event, edition } = await createOpenEdition({ seatCap: 2 });
  const people = [];
  for (const [lastName, schoolName] of [
    ["Bianchi", "IC Dante Alighieri"],
    ["Verdi", "Liceo Galilei"],
    ["Neri", "IC 50%_Sconto"],
    ["Gialli", "Liceo Galilei"],
  ] as const) {
    const user = await createUser({ lastName, email: `${unique(lastName.toLowerCase())}@scuola.example.it` });
    await prisma.user.update({ where: { id: user.id }, data: { schoolName } });
    const r = await enrol(user.id, edition.id);
    if (!r.ok) throw new Error("enrol failed");
    people.push({ ...user, enrolmentId: r.enrolmentId });
  }
  const [bianchi, verdi, , gialli] = people;
  expect((await cancelByTeacher(gialli!.id, gialli!.enrolmentId)).ok).toBe(true);
  await createCertificate({ enrolmentId: verdi!.enrolmentId, userId: verdi!.id }, edition, {
    holderName: "Maria Verdi",
    eventTitle: event.title,
    eventType: event.type,
  });
  return { organiser, event, edition, people, bianchi: bianchi! };
}

const names = (rows: { user: { lastName: string } }[]) => rows.map((r) => r.user.lastName);

describe("the participant list of an edition", () => {
  it("searches name, email and school case-insensitively, with LIKE's wildcards taken literally", async () => {
    const s = await scenario();
    expect(names((await loadParticipantList(s.edition.id, query())).rows)).toEqual([
      "Bianchi",
      "Gialli",
      "Neri",
      "Verdi",
    ]);
    expect(names((await loadParticipantList(s.edition.id, query({ q: "VERDI" }))).rows)).toEqual(["Verdi"]);
    expect(names((await loadParticipantList(s.edition.id, query({ q: "maria bianchi" }))).rows)).toEqual(["Bianchi"]);
    expect(names((await loadParticipantList(s.edition.id, query({ q: s.bianchi.email.slice(0, 12) }))).rows)).toEqual([
      "Bianchi",
    ]);
    expect(names((await loadParticipantList(s.edition.id, query({ q: "galilei" }))).rows)).toEqual(["Gialli", "Verdi"]);
    // "%" and "_" match themselves only.
    expect(names((await loadParticipantList(s.edition.id, query({ q: "50%_" }))).rows)).toEqual(["Neri"]);
    expect((await loadParticipantList(s.edition.id, query({ q: "%" }))).rows).toHaveLength(1);
    expect((await loadParticipantList(s.edition.id, query({ q: "nessuno" }))).total).toBe(0);
    // Case beyond ASCII too (SQLite's own LOWER folds A-Z only): "àlbero" finds "ÀLBERO" and back.
    await prisma.user.update({ where: { id: s.people[2]!.id }, data: { schoolName: "ISTITUTO ÀLBERO ÉLITE" } });
    expect(names((await loadParticipantList(s.edition.id, query({ q: "istituto àlbero" }))).rows)).toEqual(["Neri"]);
    expect(names((await loadParticipantList(s.edition.id, query({ q: "Élite" }))).rows)).toEqual(["Neri"]);
  });

  it("filters by the region of each person's profile (a national edition read region by region)", async () => {
    const s = await scenario();
    await prisma.user.update({ where: { id: s.people[1]!.id }, data: { regionCode: "puglia" } });
    await prisma.user.update({ where: { id: s.people[2]!.id }, data: { regionCode: "puglia" } });
    expect(names((await loadParticipantList(s.edition.id, query({ regione: "puglia" }))).rows)).toEqual([
      "Neri",
      "Verdi",
    ]);
    expect(
      names((await loadParticipantList(s.edition.id, query({ regione: "puglia", stato: "in-attesa" }))).rows),
    ).toEqual(["Neri"]);
    expect((await loadParticipantList(s.edition.id, query({ regione: "molise" }))).total).toBe(0);
    // An unknown region is no filter.
    expect((await loadParticipantList(s.edition.id, query({ regione: "atlantide" }))).total).toBe(4);
  });

  // SQLite's plans without statistics, as production runs (tests/support/sqlite-plans.ts): a status filter ties the
  // (status, offerExpiresAt) index with the edition's, and SQLite took it, reading every place of that status in the
  // database for one edition's page (ADR 0029, addendum of 07/12/2026).
  it("reads one edition's places through the edition's index whatever the status filter (SQLite's plans)", async () => {
    if (databaseEngine !== "sqlite") return;
    const s = await scenario();
    for (const stato of ["iscritto", "in-attesa", "conclusi", "completati"]) {
      const statements = await sqlitePlansOf(() => loadParticipantList(s.edition.id, query({ stato })));
      const reads = statements.filter((st) => /FROM "Enrolment" e JOIN "User" u/.test(st.sql));
      expect(reads).toHaveLength(2); // the count and the page
      for (const st of statements) {
        expect(st.plan.filter((d) => /^SCAN (e|main\.Enrolment)\b/.test(d))).toEqual([]);
        expect(st.plan.filter((d) => /Enrolment_status_offerExpiresAt_idx/.test(d))).toEqual([]);
      }
      for (const st of reads) {
        expect(st.plan).toContainEqual(
          expect.stringMatching(
            /^SEARCH e USING INDEX Enrolment_editionId_quotaId_status_waitlistSeq_idx \(editionId=\?\)/,
          ),
        );
      }
    }
  });

  it("filters by status, with the waitlist position, certificates and ended places", async () => {
    const s = await scenario();
    const waiting = await loadParticipantList(s.edition.id, query({ stato: "in-attesa" }));
    expect(names(waiting.rows)).toEqual(["Neri"]);
    expect(waiting.rows[0]!.position).toBe(1);
    expect(names((await loadParticipantList(s.edition.id, query({ stato: "iscritto" }))).rows)).toEqual([
      "Bianchi",
      "Verdi",
    ]);
    const completed = await loadParticipantList(s.edition.id, query({ stato: "completati" }));
    expect(names(completed.rows)).toEqual(["Verdi"]);
    expect(completed.rows[0]!.completed).toBe(true);
    expect(names((await loadParticipantList(s.edition.id, query({ stato: "conclusi" }))).rows)).toEqual(["Gialli"]);
    expect(names((await loadParticipantList(s.edition.id, query({ stato: "iscritto", q: "galilei" }))).rows)).toEqual([
      "Verdi",
    ]);
    expect(await countParticipantsByFilter(s.edition.id)).toEqual({
      tutti: 4,
      iscritto: 2,
      "in-attesa": 1,
      offerta: 0,
      candidato: 0,
      completati: 1,
      conclusi: 1,
    });
  });

  it("lists the waitlist in its order, pool by pool (the general pool first), not by name", async () => {
    // Cap 2 with a 1-seat Lazio quota: one general seat, one reserved. Seated first, then in line: Zanetti (general
    // 1), Amati (Lazio 1), Conti (general 2). By name the next in line was on any page (review of organisers' work).
    const { organiser, edition } = await createOpenEdition({ seatCap: 2 });
    const scope = await managedEdition(organiser.id, edition.id);
    expect(await addQuota(scope, "lazio", 1)).toEqual({ ok: true });
    for (const [lastName, regionCode] of [
      ["Seduti", "toscana"],
      ["Sedute", "lazio"],
      ["Zanetti", "toscana"],
      ["Amati", "lazio"],
      ["Conti", "toscana"],
    ] as const) {
      const user = await createUser({ lastName, regionCode });
      expect((await enrol(user.id, edition.id)).ok).toBe(true);
    }
    const waiting = await loadParticipantList(edition.id, query({ stato: "in-attesa" }));
    expect(waiting.rows.map((r) => [r.user.lastName, r.position, r.pool?.regionCode ?? null])).toEqual([
      ["Zanetti", 1, null],
      ["Conti", 2, null],
      ["Amati", 1, "lazio"],
    ]);
    // Every other list still reads by name.
    expect(names((await loadParticipantList(edition.id, query())).rows)).toEqual([
      "Amati",
      "Conti",
      "Sedute",
      "Seduti",
      "Zanetti",
    ]);
  });

  it("gives each valid certificate's code and hours in the participants' CSV, not a revoked one's", async () => {
    // A referent reporting who completed (to a school, to SOFIA) had to copy codes from the certificates' page one by
    // one: iscritti.csv had no certificate column (review of organisers' daily work).
    const s = await scenario();
    const verdi = s.people[1]!;
    const valid = await prisma.certificate.findFirstOrThrow({ where: { enrolmentId: verdi.enrolmentId } });
    await prisma.certificate.update({ where: { id: valid.id }, data: { certifiedMinutes: 90 } });
    // Bianchi's certificate was revoked: no code in his row.
    await createCertificate({ enrolmentId: s.bianchi.enrolmentId, userId: s.bianchi.id }, s.edition, {
      revokedAt: new Date(),
    });
    const rowsOf = (csv: string) =>
      parse(csv.replace("\uFEFF", ""), { delimiter: ";", columns: true }) as Record<string, string>[];
    const view = (await loadEditionForOrganiser(s.edition.id))!;
    const byEmail = new Map(rowsOf(editionCsv(view, "it")).map((r) => [r.Email, r]));
    expect(byEmail.get(verdi.email)).toMatchObject({
      "Attestato (codice di verifica)": valid.code,
      "Ore attestate (in decimali)": "1,5",
    });
    expect(byEmail.get(s.bianchi.email)).toMatchObject({
      "Attestato (codice di verifica)": "",
      "Ore attestate (in decimali)": "",
    });
    const english = new Map(rowsOf(editionCsv(view, "en")).map((r) => [r.Email, r]));
    expect(english.get(verdi.email)).toMatchObject({
      "Certificate (verification code)": valid.code,
      "Certified hours (decimal)": "1,5",
    });
  });

  it("pages a long list, and the edition page reads search, filter and page from the URL", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: null });
    const teachers = await createTeachers(PARTICIPANTS_PAGE_SIZE + 3);
    for (const t of teachers) expect((await enrol(t.id, edition.id)).ok).toBe(true);
    const first = await loadParticipantList(edition.id, query());
    expect(first).toMatchObject({ total: PARTICIPANTS_PAGE_SIZE + 3, page: 1, pages: 2 });
    expect(first.rows).toHaveLength(PARTICIPANTS_PAGE_SIZE);
    const second = await loadParticipantList(edition.id, query({ pagina: "2" }));
    expect(second.rows).toHaveLength(3);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(PARTICIPANTS_PAGE_SIZE + 3);
    // A page past the end shows the last one.
    expect((await loadParticipantList(edition.id, query({ pagina: "99" }))).page).toBe(2);

    const page = await runRoute(editionRoute.loader as unknown as Handler, {
      cookie: await cookieOf(organiser.id),
      url: `http://localhost/gestione/edizioni/${edition.id}?q=docente+n1&stato=iscritto&pagina=1`,
      params: { editionId: edition.id },
    });
    const data = page.data as { list: { total: number }; query: { q: string; filter: string } };
    expect(data.query).toEqual({ q: "docente n1", filter: "iscritto", page: 1, region: null });
    // "Docente N1", "Docente N10"…"Docente N19" (of 28).
    expect(data.list.total).toBe(11);
  });
});

describe("places per status in the organiser's events list", () => {
  it("counts each listed event's places by status, over all its editions", async () => {
    const s = await scenario();
    // First in the list (most recently updated), whatever other tests create meanwhile (the
    // dashboard's fixture dates its events in 2091).
    await prisma.event.update({
      where: { id: s.event.id },
      data: { updatedAt: new Date("9000-01-01T00:00:00Z") },
    });
    // A second edition of the same event, with one more seated teacher: an event's counts add up its editions.
    const second = await prisma.edition.create({
      data: {
        eventId: s.event.id,
        number: 2,
        startsOn: s.edition.startsOn,
        endsOn: s.edition.endsOn,
        seatCap: 10,
        enrolmentOpensAt: s.edition.enrolmentOpensAt,
        enrolmentClosesAt: s.edition.enrolmentClosesAt,
      },
    });
    const another = await createUser();
    expect((await enrol(another.id, second.id)).ok).toBe(true);
    const empty = await createOpenEdition();
    const counts = await countPlacesByEvent([s.event.id, empty.event.id]);
    expect(counts.get(s.event.id)).toEqual({ iscritto: 3, "in-attesa": 1, offerta: 0, candidato: 0, conclusi: 1 });
    expect(counts.get(empty.event.id)).toBeUndefined();

    const page = await runRoute(eventsRoute.loader as unknown as Handler, {
      cookie: await cookieOf(s.organiser.id),
      url: "http://localhost/gestione/eventi",
    });
    const listed = (page.data as { events: { id: string; editionCount: number }[] }).events;
    expect(listed.find((e) => e.id === s.event.id)?.editionCount).toBe(2);
    const places = (page.data as { places: Record<string, unknown> }).places;
    expect(places[s.event.id]).toEqual({ iscritto: 3, "in-attesa": 1, offerta: 0, candidato: 0, conclusi: 1 });
  });
});

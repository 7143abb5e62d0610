// The English rendering of a certificate (ADR 0096), downloaded through its route on SQLite or PostgreSQL: its
// holder gets a PDF in English (set as the document's language) that states the same code, verification address and
// hours as the official Italian one; an event's title written in English is printed as it is, an Italian one is kept
// and said to be Italian; another person's certificate and a revoked one are refused exactly as the Italian download.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "../../app/generated/prisma-sqlite/client.ts";
import { translator } from "../../app/i18n/i18n.tsx";
import type { MessageKey } from "../../app/i18n/messages.ts";
import { issueCertificates, revokeCertificate } from "../../app/models/certificate.server.ts";
import * as italianRoute from "../../app/routes/attestati.$certificateId[.]pdf.tsx";
import * as englishRoute from "../../app/routes/attestati.$certificateId.inglese[.]pdf.tsx";
import * as verifyRoute from "../../app/routes/attestati.verifica.$code.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { getEnv } from "../../app/utils/env.server.ts";
import { createEnrolment, createOpenEdition, createUser } from "../support/factories.ts";
import { openPdf, pdfText } from "../support/pdf-text.ts";
import { bodyOf, callRoute, cookieOf, routeRequest, type Handler } from "../support/routes.ts";
import { trainerEdition } from "../support/scopes.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

const HOUR = 3600_000;

/**
 * A finished national course whose two participants were present, certificates issued and the questionnaire
 * answered by both; the event's title written in `titleLanguage`, the event and its live session as given.
 */
async function certifiedEdition(
  title: string,
  titleLanguage: string,
  eventFields: Prisma.EventUpdateInput = {},
  sessionPlace: string | null = null,
) {
  const { edition, event } = await createOpenEdition({ title, sessionStartsAt: new Date(Date.now() - 26 * HOUR) });
  await prisma.event.update({ where: { id: event.id }, data: { titleLanguage, ...eventFields } });
  await prisma.trainingSession.updateMany({ where: { editionId: edition.id }, data: { place: sessionPlace } });
  const trainer = await createUser({ firstName: "Fabio", lastName: "Formatore" });
  await prisma.eventTrainer.create({ data: { eventId: event.id, userId: trainer.id } });
  const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
  const people = [];
  for (const lastName of ["Intestataria", "Altrui"]) {
    const user = await createUser({ firstName: "Ilaria", lastName });
    const enrolment = await createEnrolment(edition, user.id);
    await prisma.attendanceRecord.create({
      data: { sessionId: session.id, enrolmentId: enrolment.id, status: "presente", recordedById: trainer.id },
    });
    await prisma.questionnaireSubmission.create({ data: { editionId: edition.id, userId: user.id } });
    people.push(user);
  }
  await issueCertificates(await trainerEdition(trainer.id, edition.id));
  const [holder, other] = people as [(typeof people)[number], (typeof people)[number]];
  const certificate = await prisma.certificate.findFirstOrThrow({ where: { userId: holder.id } });
  const othersCertificate = await prisma.certificate.findFirstOrThrow({ where: { userId: other.id } });
  return { event, edition, trainer, holder, other, certificate, othersCertificate };
}

async function download(handler: unknown, id: string, userId: string, english = true) {
  const url = english ? `http://localhost/attestati/${id}/inglese.pdf` : `http://localhost/attestati/${id}.pdf`;
  const result = await callRoute(handler as Handler, routeRequest(url, { cookie: await cookieOf(userId) }), {
    certificateId: id,
  });
  expect(result).toBeInstanceOf(Response);
  return result as Response;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ");

describe("the English rendering of a certificate", { timeout: 60_000 }, () => {
  let italianTitled: Awaited<ReturnType<typeof certifiedEdition>>;
  let englishTitled: Awaited<ReturnType<typeof certifiedEdition>>;
  const origin = getEnv().APP_ORIGIN.replace(/\/+$/, "");

  beforeAll(async () => {
    italianTitled = await certifiedEdition(`Cittadinanza digitale a scuola ${Date.now()}`, "it");
    englishTitled = await certifiedEdition(`Learning Event: media literacy ${Date.now()}`, "en");
  });

  it("its holder gets a PDF in English with the same code, address, hours and signatory; an Italian title kept and said so", async () => {
    const { certificate: c } = italianTitled;
    const response = await download(englishRoute.loader, c.id, italianTitled.holder.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="certificate-${c.code}-en.pdf"`);
    const pdf = Buffer.from(await response.arrayBuffer());
    const text = oneLine(await pdfText(pdf));
    for (const expected of [
      "Certificate of attendance",
      "This is to certify that",
      "Ilaria Intestataria",
      "attended the training initiative",
      `«${c.eventTitle}»`,
      "(title in Italian)",
      "Online base course, national level",
      "held ",
      "for a certified total of",
      "2 hours",
      "Issued in Firenze on ",
      "Head of the training initiative",
      "Verification code",
      `English rendering of the official Italian certificate ${c.code}; verify at ${origin}/attestati/verifica/${c.code}?lang=en`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("Si attesta che");
    // The document's language is English; the Italian title is a part marked as Italian.
    const doc = await openPdf(pdf);
    try {
      const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
      expect(info).toMatchObject({ Title: "Certificate of attendance — Ilaria Intestataria", Language: "en-GB" });
      const tree = (await (await doc.getPage(1)).getStructTree()) as StructNode;
      const marked = (tree.children[0] as StructNode).children.flatMap((n) => {
        const node = n as StructNode;
        return node.lang ? [node.lang] : [];
      });
      // The organiser's Italian name, the Italian title.
      expect(marked).toEqual(["it", "it"]);
    } finally {
      await doc.destroy();
    }
    // The official certificate is still the Italian one, at its own address.
    const italian = await download(italianRoute.loader, c.id, italianTitled.holder.id, false);
    expect(italian.headers.get("Content-Disposition")).toBe(`attachment; filename="attestato-${c.code}.pdf"`);
    const italianText = oneLine(await pdfText(Buffer.from(await italian.arrayBuffer())));
    expect(italianText).toContain("Si attesta che");
    expect(italianText).not.toContain("Certificate of attendance");
  });

  it("an event whose title is written in English: printed as it is, not marked, no note", async () => {
    const { certificate: c, holder } = englishTitled;
    const response = await download(englishRoute.loader, c.id, holder.id);
    expect(response.status).toBe(200);
    const text = oneLine(await pdfText(Buffer.from(await response.arrayBuffer())));
    expect(text).toContain(`«${c.eventTitle}»`);
    expect(text).not.toContain("(title in");
    expect(text).toContain(`English rendering of the official Italian certificate ${c.code}`);
  });

  it("another person's certificate and a revoked one are refused as the Italian download is, in both languages", async () => {
    const { certificate, othersCertificate, holder, other, trainer, edition } = englishTitled;
    for (const handler of [englishRoute.loader, italianRoute.loader]) {
      const stranger = await download(handler, othersCertificate.id, holder.id, handler === englishRoute.loader);
      expect(stranger.status).toBe(404);
      expectReason(await stranger.text(), "certificateNotYours");
    }
    await revokeCertificate(await trainerEdition(trainer.id, edition.id), certificate.id, "Registro sbagliato");
    for (const handler of [englishRoute.loader, italianRoute.loader]) {
      const revoked = await download(handler, certificate.id, holder.id, handler === englishRoute.loader);
      expect(revoked.status).toBe(404);
      const body = await revoked.text();
      expectReason(body, "certificateRevoked");
      expect(body).not.toContain("Registro sbagliato");
    }
    // The other participant's own certificate is still theirs.
    expect((await download(englishRoute.loader, othersCertificate.id, other.id)).status).toBe(200);
  });

  it("a visitor is sent to sign in", async () => {
    const id = italianTitled.certificate.id;
    const result = await callRoute(
      englishRoute.loader as Handler,
      routeRequest(`http://localhost/attestati/${id}/inglese.pdf`),
      { certificateId: id },
    );
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(302);
    expect((result as Response).headers.get("Location")).toMatch(/^\/accedi/);
  });
});

describe("what a certificate states is what was issued", { timeout: 60_000 }, () => {
  /** Both PDFs' text and the verification page's data (the page shows nothing else), as the holder and anyone get them. */
  async function stated(c: { id: string; code: string }, holderId: string) {
    const textOf = async (response: Response) => oneLine(await pdfText(Buffer.from(await response.arrayBuffer())));
    const verification = await callRoute(
      verifyRoute.loader as unknown as Handler,
      routeRequest(`http://localhost/attestati/verifica/${c.code}`),
      { code: c.code },
    );
    return {
      italian: await textOf(await download(italianRoute.loader, c.id, holderId, false)),
      english: await textOf(await download(englishRoute.loader, c.id, holderId)),
      verification: JSON.stringify(bodyOf(verification)),
    };
  }

  it("an organiser's edits of the event after issue change neither PDF nor the verification page", async () => {
    // A Lombard regional seminar held at a school in Milan, issued as such (ADR 0100).
    const issued = await certifiedEdition(`Didattica con eTwinning ${Date.now()}`, "it", {
      type: "seminario",
      level: "regionale",
      regionCode: "lombardia",
      mode: "in-presenza",
      venue: "Liceo Volta, Milano",
    });
    const { certificate: c, holder, event } = issued;
    const before = await stated(c, holder.id);
    for (const expected of ["svoltasi ", "presso Liceo Volta, Milano", "Rilasciato a Milano"])
      expect(before.italian).toContain(expected);
    for (const expected of ["Seminar, regional level", "at Liceo Volta, Milano", "Issued in Milano"])
      expect(before.english).toContain(expected);
    expect(before.verification).toContain(c.eventTitle);

    // Everything a certificate states about its event, edited afterwards: title and its language, type, level, region,
    // where it is held, hours.
    await prisma.event.update({
      where: { id: event.id },
      data: {
        title: `Titolo cambiato ${Date.now()}`,
        titleLanguage: "en",
        type: "webinar",
        level: "europeo",
        regionCode: null,
        mode: "online",
        venue: null,
        certifiedMinutes: 600,
      },
    });
    const after = await stated(c, holder.id);
    expect(after).toEqual(before);
  });

  it("the migration gives certificates issued before it what issuing records now", async () => {
    const shapes: [string, Prisma.EventUpdateInput, string | null][] = [
      [
        "regional, at a school",
        { level: "regionale", regionCode: "lombardia", mode: "in-presenza", venue: " Liceo Volta " },
        null,
      ],
      ["blended, every live session online", { mode: "blended", venue: "Liceo Galilei" }, "online"],
      ["blended, live sessions in both places", { mode: "blended", venue: "Liceo Galilei" }, null],
      ["online", { mode: "online", venue: null }, null],
      ["in person with no venue typed", { level: "europeo", mode: "in-presenza", venue: "" }, null],
    ];
    const editionIds: string[] = [];
    for (const [name, eventFields, sessionPlace] of shapes) {
      const { edition } = await certifiedEdition(`${name} ${Date.now()}`, "it", eventFields, sessionPlace);
      editionIds.push(edition.id);
    }
    const columns = { eventLevel: true, eventRegionCode: true, placeVenue: true, placeOnline: true } as const;
    const where = { editionId: { in: editionIds } };
    const issued = await prisma.certificate.findMany({
      where,
      select: { id: true, ...columns },
      orderBy: { id: "asc" },
    });
    // Each shape's place as issuing records it (trimmed venue; only the places live sessions were held in).
    expect(issued.map((c) => [c.placeVenue, c.placeOnline])).toEqual(
      expect.arrayContaining([
        ["Liceo Volta", false],
        [null, true],
        ["Liceo Galilei", true],
        [null, false],
      ]),
    );
    // As a certificate issued before the columns were: empty; then the migration's own UPDATE, on these certificates.
    await prisma.certificate.updateMany({
      where,
      data: { eventLevel: null, eventRegionCode: null, placeVenue: null, placeOnline: false },
    });
    const dir = process.env.DATABASE_URL?.startsWith("postgres") ? "prisma/postgresql/migrations" : "prisma/migrations";
    const migration = fs.readFileSync(
      path.resolve(import.meta.dirname, "../..", dir, "20261205170000_certificate_states_issued_facts/migration.sql"),
      "utf8",
    );
    const update = migration.slice(migration.indexOf("UPDATE")).trim().replace(/;$/, "");
    const only = editionIds.map((id) => `'${id}'`).join(", ");
    await prisma.$executeRawUnsafe(`${update} WHERE "editionId" IN (${only})`);
    const backfilled = await prisma.certificate.findMany({
      where,
      select: { id: true, ...columns },
      orderBy: { id: "asc" },
    });
    expect(backfilled).toEqual(issued);
  });
});

type StructNode = { role: string; lang?: string; children: (StructNode | { type: string })[] };

/** The refusal page says the reason in Italian and in English (ADR 0092). */
function expectReason(body: string, reason: string) {
  for (const t of [translator("it"), translator("en")]) {
    for (const part of ["title", "text"])
      expect(body).toContain(t(`downloads.refused.${reason}.${part}` as MessageKey).replaceAll("'", "&#39;"));
  }
}

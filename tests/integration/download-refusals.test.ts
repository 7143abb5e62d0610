// A download refused by its guard says why (ADR 0092), on SQLite or PostgreSQL: each guard in front
// of a PDF, CSV, ZIP, XLSX or an event's file answers its own status with a small bilingual page
// whose words name the rule (Italian and English), never the other person's data; a visitor who is
// not signed in is still sent to sign in, or gets the plain "not found" for an event's material.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCertificates, revokeCertificate } from "../../app/models/certificate.server.ts";
import { translator } from "../../app/i18n/i18n.tsx";
import type { MessageKey } from "../../app/i18n/messages.ts";
import * as certificatePdf from "../../app/routes/attestati.$certificateId[.]pdf.tsx";
import * as dashboardCsv from "../../app/routes/cruscotto[.]csv.tsx";
import * as dashboardXlsx from "../../app/routes/cruscotto[.]xlsx.tsx";
import * as sheetFile from "../../app/routes/eventi.$eventId_.allegati.$fileId.tsx";
import * as hoursCsv from "../../app/routes/formazione.edizioni.$editionId_.ore[.]csv.tsx";
import * as registerCsv from "../../app/routes/formazione.incontri.$sessionId_.registro[.]csv.tsx";
import * as registerPdf from "../../app/routes/formazione.incontri.$sessionId_.registro[.]pdf.tsx";
import * as trainingCertificate from "../../app/routes/il-mio-piano_.attestati.$trainingId.tsx";
import { certificateKey } from "../../app/models/training-plan.server.ts";
import * as certificatesZip from "../../app/routes/gestione.edizioni.$editionId_.attestati[.]zip.tsx";
import * as participantsCsv from "../../app/routes/gestione.edizioni.$editionId_.iscritti[.]csv.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { fileKey, fileStore } from "../../app/utils/file-store.server.ts";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { callRoute, cookieOf, routeRequest, type Handler } from "../support/routes.ts";
import { trainerEdition } from "../support/scopes.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

const HOUR = 3600_000;
const it_ = translator("it");
const en = translator("en");

/** What a download answered (the loader's returned or thrown Response). */
async function fetchDownload(handler: unknown, url: string, params: Record<string, string>, cookie?: string) {
  const result = await callRoute(handler as Handler, routeRequest(`http://localhost${url}`, { cookie }), params);
  expect(result).toBeInstanceOf(Response);
  const response = result as Response;
  return { status: response.status, location: response.headers.get("Location"), body: await response.text() };
}

/** The page says the reason in Italian and in English, as an HTML page. */
function expectReason(body: string, reason: string) {
  for (const t of [it_, en]) {
    for (const part of ["title", "text"])
      expect(body).toContain(t(`downloads.refused.${reason}.${part}` as MessageKey).replaceAll("'", "&#39;"));
  }
  expect(body).toMatch(/^<!doctype html>/);
}

describe("refused downloads say why", () => {
  let eventId: string;
  let editionId: string;
  let sessionId: string;
  let holder: { id: string; lastName: string };
  let other: { id: string };
  let holderCertificateId: string;
  let otherCertificateId: string;
  let materialId: string;

  beforeAll(async () => {
    // A finished national webinar: two teachers present, certificates issued; one session material.
    const { edition, event } = await createOpenEdition({ sessionStartsAt: new Date(Date.now() - 26 * HOUR) });
    eventId = event.id;
    editionId = edition.id;
    const trainer = await createUser({ firstName: "Fabio", lastName: "Formatore" });
    await prisma.eventTrainer.create({ data: { eventId, userId: trainer.id } });
    holder = await createUser({ firstName: "Ilaria", lastName: "Intestataria" });
    other = await createUser({ firstName: "Oreste", lastName: "Altrui" });
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId } });
    sessionId = session.id;
    for (const u of [holder, other]) {
      const enrolment = await prisma.enrolment.create({
        data: { editionId, eventId, userId: u.id, status: "iscritto", activeKey: `${eventId}:${u.id}` },
      });
      await prisma.attendanceRecord.create({
        data: { sessionId, enrolmentId: enrolment.id, status: "presente", recordedById: trainer.id },
      });
    }
    await issueCertificates(await trainerEdition(trainer.id, editionId));
    holderCertificateId = (await prisma.certificate.findFirstOrThrow({ where: { userId: holder.id } })).id;
    otherCertificateId = (await prisma.certificate.findFirstOrThrow({ where: { userId: other.id } })).id;
    await revokeCertificate(await trainerEdition(trainer.id, editionId), holderCertificateId, "Registro sbagliato");
    const material = await prisma.eventFile.create({
      data: { eventId, sessionId, title: "Slide", fileName: "slide.pdf", mimeType: "application/pdf", size: 4 },
    });
    materialId = material.id;
    await fileStore().put(fileKey("event-file", materialId), new Uint8Array([37, 80, 68, 70]));
  });

  it("a certificate PDF: 404 'not yours' for another person's, 'revoked' for one's own revoked one", async () => {
    const pdf = (id: string, cookie?: string) =>
      fetchDownload(certificatePdf.loader, `/attestati/${id}.pdf`, { certificateId: id }, cookie);
    const stranger = await pdf(otherCertificateId, await cookieOf(holder.id));
    expect(stranger.status).toBe(404);
    expectReason(stranger.body, "certificateNotYours");
    expect(stranger.body).not.toContain("Altrui");
    const revoked = await pdf(holderCertificateId, await cookieOf(holder.id));
    expect(revoked.status).toBe(404);
    expectReason(revoked.body, "certificateRevoked");
    // Revoked: the reason is on the holder's own page, not in a page a shared link may show.
    expect(revoked.body).not.toContain("Registro sbagliato");
    // No such certificate: the plain "not found".
    const unknown = await pdf("cl0000000000000000000000", await cookieOf(holder.id));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain("Il documento richiesto non esiste");
    // Not signed in: to the sign-in page, whatever the id.
    for (const id of [otherCertificateId, "cl0000000000000000000000"]) {
      const anonymous = await pdf(id);
      expect(anonymous.status).toBe(302);
      expect(anonymous.location).toMatch(/^\/accedi/);
    }
  });

  it("an external training's certificate: 404 'not yours' for another person's; sign-in for a visitor", async () => {
    const training = (title: string, withFile: boolean) =>
      prisma.externalTraining.create({
        data: {
          userId: other.id,
          title,
          organiser: "Ente esterno",
          startsOn: new Date("2026-10-01T00:00:00Z"),
          endsOn: new Date("2026-10-02T00:00:00Z"),
          minutes: 240,
          ...(withFile ? { certificateMimeType: "application/pdf", certificateFileName: "attestato-altrui.pdf" } : {}),
        },
        select: { id: true },
      });
    const withFile = await training("Corso Altrui", true);
    await fileStore().put(certificateKey(withFile.id), new Uint8Array([37, 80, 68, 70]));
    const withoutFile = await training("Corso senza file", false);
    const file = (id: string, cookie?: string) =>
      fetchDownload(trainingCertificate.loader, `/il-mio-piano/attestati/${id}`, { trainingId: id }, cookie);
    const stranger = await file(withFile.id, await cookieOf(holder.id));
    expect(stranger.status).toBe(404);
    expectReason(stranger.body, "trainingCertificateNotYours");
    expect(stranger.body).not.toContain("Altrui");
    expect((await file(withFile.id, await cookieOf(other.id))).status).toBe(200);
    // A training with no file, or no such training: the plain "not found".
    for (const id of [withoutFile.id, "cl0000000000000000000000"]) {
      const missing = await file(id, await cookieOf(holder.id));
      expect(missing.status).toBe(404);
      expect(missing.body).toContain("Il documento richiesto non esiste");
    }
    // Not signed in: to the sign-in page, whatever the id.
    for (const id of [withFile.id, "cl0000000000000000000000"]) {
      const anonymous = await file(id);
      expect(anonymous.status).toBe(302);
      expect(anonymous.location).toMatch(/^\/accedi/);
    }
  });

  it("a session's material: 404 'for participants' to a signed-in person not enrolled; plain 404 to a visitor", async () => {
    const file = (id: string, cookie?: string) =>
      fetchDownload(sheetFile.loader, `/eventi/${eventId}/allegati/${id}`, { eventId, fileId: id }, cookie);
    const outsider = await file(materialId, await cookieOf((await createUser()).id));
    expect(outsider.status).toBe(404);
    expectReason(outsider.body, "materialsForParticipants");
    expect((await file(materialId, await cookieOf(holder.id))).status).toBe(200);
    // A visitor learns nothing of which materials exist: the same page as for an unknown file.
    const anonymous = await file(materialId);
    const unknownAnonymous = await file("cl0000000000000000000000");
    expect(anonymous.status).toBe(404);
    expect(anonymous.body).toBe(unknownAnonymous.body);
    expect(anonymous.body).not.toContain(it_("downloads.refused.materialsForParticipants.title"));
    expect(anonymous.body).toContain("Il documento richiesto non esiste");
  });

  it("registers and hours: 403 'the register is the edition's trainers'", async () => {
    const cookie = await cookieOf((await createUser({ roles: [{ role: "formatore" }] })).id);
    for (const [handler, url, params] of [
      [registerCsv.loader, `/formazione/incontri/${sessionId}/registro.csv`, { sessionId }],
      [registerPdf.loader, `/formazione/incontri/${sessionId}/registro.pdf`, { sessionId }],
      [hoursCsv.loader, `/formazione/edizioni/${editionId}/ore.csv`, { editionId }],
    ] as const) {
      const refused = await fetchDownload(handler, url, params, cookie);
      expect(refused.status).toBe(403);
      expectReason(refused.body, "register");
      expect(refused.body).not.toContain("Intestataria");
      expect((await fetchDownload(handler, url, params)).status).toBe(302);
    }
  });

  it("the participant list and the certificates' ZIP: 403 'for whoever manages the event'", async () => {
    const teacher = await cookieOf(holder.id);
    const referent = await cookieOf(
      (await createUser({ roles: [{ role: "referente-usr", regionCode: "lombardia" }] })).id,
    );
    for (const [handler, url, reason] of [
      [participantsCsv.loader, `/gestione/edizioni/${editionId}/iscritti.csv`, "participants"],
      [certificatesZip.loader, `/gestione/edizioni/${editionId}/attestati.zip`, "certificates"],
    ] as const) {
      // Neither a teacher (not an organiser) nor a referent (the event is national) manages it.
      for (const cookie of [teacher, referent]) {
        const refused = await fetchDownload(handler, url, { editionId }, cookie);
        expect(refused.status).toBe(403);
        expectReason(refused.body, reason);
        expect(refused.body).not.toContain("Altrui");
      }
      expect((await fetchDownload(handler, url, { editionId })).status).toBe(302);
    }
  });

  it("the dashboard's CSV and XLSX: 403 'for referents and the national unit', 'another region's'", async () => {
    const teacher = await cookieOf(holder.id);
    const referent = await cookieOf(
      (await createUser({ roles: [{ role: "referente-usr", regionCode: "molise" }] })).id,
    );
    for (const handler of [dashboardCsv.loader, dashboardXlsx.loader]) {
      const notOrganiser = await fetchDownload(handler, "/cruscotto.csv?table=totals", {}, teacher);
      expect(notOrganiser.status).toBe(403);
      expectReason(notOrganiser.body, "dashboard");
      const otherRegion = await fetchDownload(handler, "/cruscotto.csv?region=lazio&table=totals", {}, referent);
      expect(otherRegion.status).toBe(403);
      expectReason(otherRegion.body, "dashboardRegion");
      expect((await fetchDownload(handler, "/cruscotto.csv?table=totals", {})).status).toBe(302);
    }
  });
});

// "I miei dati": the archive a person downloads from /profilo/dati.zip, opened and checked.
import { createCatalogueAlert } from "../../app/models/catalogue-alert.server.ts";
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, describe, expect, it, vi } from "vitest";
import { requestEmailChange, updateProfile } from "../../app/models/account.server.ts";
import { requestPasswordReset } from "../../app/models/account-tokens.server.ts";
import { exportAccountData } from "../../app/models/account-export.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import * as exportRoute from "../../app/routes/profilo_.dati[.]zip.tsx";
import { certificateKey } from "../../app/models/training-plan.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { fileStore } from "../../app/utils/file-store.server.ts";
import { createCertificate, createOpenEdition, createUser, TEST_PASSWORD, unique } from "../support/factories.ts";
import { callRoute, cookieOf, routeRequest, type Handler } from "../support/routes.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

/** A teacher with something in every table the archive covers; returns what to look for. */
async function teacherWithHistory() {
  const user = await createUser({ firstName: "Elena", lastName: "Neri" });
  await prisma.user.update({
    where: { id: user.id },
    data: { privacyVersion: "2026-11-30", privacyAcceptedAt: new Date("2026-11-30T09:00:00.000Z") },
  });
  const other = await createUser();
  const first = await createOpenEdition();
  const second = await createOpenEdition();
  const e1 = await enrol(user.id, first.edition.id);
  const e2 = await enrol(user.id, second.edition.id);
  await enrol(other.id, first.edition.id);
  if (!e1.ok || !e2.ok) throw new Error("enrolment failed");
  const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: first.edition.id } });
  await prisma.attendanceRecord.create({
    data: {
      sessionId: session.id,
      enrolmentId: e1.enrolmentId,
      status: "presente",
      source: "registro",
      note: "Collegata da telefono",
    },
  });
  const code = unique("VER").toUpperCase();
  await createCertificate({ enrolmentId: e1.enrolmentId, userId: user.id }, first.edition, {
    code,
    holderName: "Elena Neri",
    eventTitle: first.event.title,
  });
  await prisma.questionnaireSubmission.create({ data: { editionId: first.edition.id, userId: user.id } });
  const secretComment = unique("commento-anonimo");
  await prisma.questionnaireResponse.create({
    data: { editionId: first.edition.id, answers: '{"q1":5}', comment: secretComment, submittedOn: new Date() },
  });
  const training = await prisma.externalTraining.create({
    data: {
      userId: user.id,
      title: "Corso esterno di robotica",
      organiser: "INDIRE",
      startsOn: new Date("2026-03-01T00:00:00Z"),
      endsOn: new Date("2026-03-02T00:00:00Z"),
      minutes: 300,
      certificateFileName: "attestato robotica.pdf",
      certificateMimeType: "application/pdf",
    },
  });
  const fileBytes = Buffer.from("%PDF-1.4\n% attestato di prova\n");
  await fileStore().put(certificateKey(training.id), fileBytes);
  await requestPasswordReset(user.email); // a notification whose payload holds a raw token
  const cookie = await cookieOf(user.id);
  return { user, other, e1, e2, code, secretComment, training, fileBytes, cookie };
}

function open(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const json = (name: string) => {
    expect(files[name], name).toBeDefined();
    return JSON.parse(strFromU8(files[name]!)) as Record<string, unknown>[];
  };
  return { files, json };
}

describe("my data archive", () => {
  it("is named after today's date in Rome: at 00:30 on 5 December in Rome, the 5th (UTC still says the 4th)", async () => {
    const t = await teacherWithHistory();
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-04T23:30:00Z") });
    try {
      const response = (await callRoute(
        exportRoute.loader as Handler,
        routeRequest("http://localhost/profilo/dati.zip", { cookie: t.cookie }),
      )) as Response;
      expect(response.headers.get("Content-Disposition")).toBe(
        'attachment; filename="forma-i-miei-dati-2026-12-05.zip"',
      );
      await response.arrayBuffer();
    } finally {
      vi.useRealTimers();
    }
  });

  it("is named in the reader's language: forma-my-data-<day>.zip in English, Italian unchanged (review of the English interface, 07/12/2026)", async () => {
    const t = await teacherWithHistory();
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-04T23:30:00Z") });
    try {
      const name = async (url: string) => {
        const response = (await callRoute(
          exportRoute.loader as Handler,
          routeRequest(url, { cookie: t.cookie }),
        )) as Response;
        await response.arrayBuffer();
        return response.headers.get("Content-Disposition");
      };
      expect(await name("http://localhost/profilo/dati.zip?lang=en")).toBe(
        'attachment; filename="forma-my-data-2026-12-05.zip"',
      );
      // The account's preference, with no cookie nor ?lang=.
      await prisma.user.update({ where: { id: t.user.id }, data: { locale: "en" } });
      expect(await name("http://localhost/profilo/dati.zip")).toBe(
        'attachment; filename="forma-my-data-2026-12-05.zip"',
      );
      expect(await name("http://localhost/profilo/dati.zip?lang=it")).toBe(
        'attachment; filename="forma-i-miei-dati-2026-12-05.zip"',
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it("is a ZIP of JSON files and the uploaded file, with the person's data and nobody else's", async () => {
    const t = await teacherWithHistory();
    await createCatalogueAlert(t.user.id, "type=webinar&region=toscana");
    await updateProfile(
      t.user.id,
      {
        firstName: "Elena",
        lastName: "Neri",
        schoolLevel: "primaria",
        regionCode: "lombardia",
        professionalRole: "docente",
        locale: "it",
        emailReminders: true,
      },
      t.user.id,
      new Date("2026-07-01T08:00:00Z"),
    );
    const response = (await callRoute(
      exportRoute.loader as Handler,
      routeRequest("http://localhost/profilo/dati.zip", { cookie: t.cookie }),
    )) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="forma-i-miei-dati-/);
    const { files, json } = open(new Uint8Array(await response.arrayBuffer()));

    expect(Object.keys(files)).toContain("LEGGIMI.txt");
    const profile = JSON.parse(strFromU8(files["profilo.json"]!)) as Record<string, unknown>;
    expect(profile).toMatchObject({ id: t.user.id, email: t.user.email, firstName: "Elena", lastName: "Neri" });
    expect(JSON.stringify(profile)).not.toContain("hash");
    // Which privacy notice the person was shown at sign-up, and when.
    expect(profile).toMatchObject({ privacyVersion: "2026-11-30", privacyAcceptedAt: "2026-11-30T09:00:00.000Z" });
    // The searches the person asked alerts for (ADR 0088).
    expect(profile.catalogueAlerts).toEqual([expect.objectContaining({ query: "type=webinar&region=toscana" })]);
    // The region, school level and role held before a change, until when (ADR 0093).
    expect(profile.profilePeriods).toEqual([
      {
        regionCode: "toscana",
        schoolLevel: "primaria",
        professionalRole: "docente",
        validUntil: "2026-07-01T08:00:00.000Z",
      },
    ]);

    const enrolments = json("iscrizioni.json");
    expect(enrolments.map((e) => e.id).sort()).toEqual(
      [t.e1.ok && t.e1.enrolmentId, t.e2.ok && t.e2.enrolmentId].sort(),
    );
    const history = json("storia-iscrizioni.json");
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history.every((h) => enrolments.some((e) => e.id === h.enrolmentId))).toBe(true);
    // The trainer's note on the line is data about the person: in their copy (never on their pages).
    expect(json("presenze.json")).toEqual([
      expect.objectContaining({ status: "presente", note: "Collegata da telefono" }),
    ]);
    expect(json("attestati.json")).toEqual([expect.objectContaining({ code: t.code, holderName: "Elena Neri" })]);
    expect(json("questionari-compilati.json")).toHaveLength(1);
    expect(json("formazione-esterna.json")).toEqual([
      expect.objectContaining({ id: t.training.id, title: "Corso esterno di robotica", minutes: 300 }),
    ]);
    expect(files[`file/formazione-esterna/${t.training.id}-attestato_robotica.pdf`]).toEqual(
      new Uint8Array(t.fileBytes),
    );
    const sessions = json("sessioni.json");
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id).toBeUndefined();
    const notes = json("notifiche.json");
    expect(notes.map((n) => n.kind)).toContain("reimposta-password");

    // Nothing of anyone else, no anonymous answers, no secrets.
    const everything = Object.values(files)
      .map((b) => strFromU8(b))
      .join("\n");
    expect(everything).not.toContain(t.other.id);
    expect(everything).not.toContain(t.secretComment);
    const raw = JSON.parse(
      (await prisma.notification.findFirstOrThrow({ where: { userId: t.user.id, kind: "reimposta-password" } }))
        .payload,
    ).token as string;
    expect(everything).not.toContain(raw);
    const sessionRow = await prisma.userSession.findFirstOrThrow({ where: { userId: t.user.id } });
    expect(everything).not.toContain(sessionRow.id);
  });

  it("does not tell whether an address asked for in an email change has an account", async () => {
    const user = await createUser();
    const holder = await createUser();
    const free = `${unique("libera")}@example.it`;
    const ip = unique("ip");
    expect(await requestEmailChange(user.id, holder.email, { currentPassword: TEST_PASSWORD, ip })).toEqual({
      ok: true,
    });
    expect(await requestEmailChange(user.id, free, { currentPassword: TEST_PASSWORD, ip })).toEqual({ ok: true });
    // An entry written before the audit stopped recording it.
    await prisma.auditLog.create({
      data: {
        actorId: user.id,
        entityType: "user",
        entityId: user.id,
        action: "cambio-email-richiesto",
        details: JSON.stringify({ to: holder.email, inUse: true }),
      },
    });
    const chunks: Buffer[] = [];
    for await (const chunk of exportAccountData(user.id)) chunks.push(chunk as Buffer);
    const { json } = open(new Uint8Array(Buffer.concat(chunks)));
    const requests = json("registro-modifiche-account.json").filter((e) => e.action === "cambio-email-richiesto");
    expect(requests.map((e) => e.details)).toEqual([{ to: holder.email }, { to: free }, { to: holder.email }]);
  });

  it("holds what an organiser or trainer did: events created and taught, messages, letterhead, changes made (without others' data)", async () => {
    const { organiser, event, edition } = await createOpenEdition();
    const teacher = await createUser();
    await prisma.eventTrainer.create({ data: { eventId: event.id, userId: organiser.id } });
    await prisma.participantMessage.create({
      data: {
        editionId: edition.id,
        authorId: organiser.id,
        audience: "tutti",
        subject: "Materiali del corso",
        body: "Ecco le slide.",
        recipientCount: 1,
        sendKey: unique("send"),
      },
    });
    await prisma.editionAutoMessage.create({
      data: {
        editionId: edition.id,
        rule: "dopo-ultimo-incontro",
        amount: 2,
        subject: "Grazie",
        body: "Compila il questionario.",
        updatedById: organiser.id,
      },
    });
    const logo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await prisma.organiserLetterhead.create({
      data: {
        userId: organiser.id,
        signatoryName: "Maria Rossi",
        signatoryRole: "Dirigente",
        logo,
        logoMimeType: "image/png",
      },
    });
    // A change the organiser made to a teacher's place: its details name the teacher.
    await prisma.auditLog.create({
      data: {
        actorId: organiser.id,
        entityType: "enrolment",
        entityId: "place-1",
        action: "partecipante-inserito",
        details: JSON.stringify({ email: teacher.email }),
      },
    });

    const material = await prisma.eventFile.create({
      data: { eventId: event.id, title: "Slide", url: "https://example.it/slide", uploadedById: organiser.id },
    });

    const chunks: Buffer[] = [];
    for await (const chunk of exportAccountData(organiser.id, { pageSize: 1 })) chunks.push(chunk as Buffer);
    const { files, json } = open(new Uint8Array(Buffer.concat(chunks)));
    expect(json("eventi-creati.json")).toEqual([expect.objectContaining({ id: event.id, title: event.title })]);
    expect(json("incarichi-formatore.json")).toEqual([
      expect.objectContaining({ eventId: event.id, eventTitle: event.title }),
    ]);
    expect(json("incarichi-formatore.json")[0]!.cursor).toBeUndefined();
    expect(json("messaggi-scritti.json")).toEqual([
      expect.objectContaining({ subject: "Materiali del corso", body: "Ecco le slide.", editionId: edition.id }),
    ]);
    expect(json("messaggi-automatici.json")).toEqual([
      expect.objectContaining({ rule: "dopo-ultimo-incontro", subject: "Grazie" }),
    ]);
    expect(json("carta-intestata.json")).toEqual([
      expect.objectContaining({
        signatoryName: "Maria Rossi",
        signatoryRole: "Dirigente",
        logo: "image/png",
        signature: null,
      }),
    ]);
    expect(files["file/carta-intestata/logo.png"]).toEqual(new Uint8Array(logo));
    expect(json("materiali-caricati.json")).toEqual([
      expect.objectContaining({ id: material.id, eventId: event.id, title: "Slide" }),
    ]);
    expect(json("modifiche-fatte.json")).toContainEqual(
      expect.objectContaining({ entityType: "enrolment", entityId: "place-1", action: "partecipante-inserito" }),
    );
    const everything = Object.values(files)
      .map((b) => strFromU8(b))
      .join("\n");
    expect(everything).not.toContain(teacher.email);
  });

  it("says who changed the person's places and account, what and when, naming staff by their role only", async () => {
    // Before, the archive had the changes to the account with the raw id of whoever made them, and nothing of the
    // changes organisers made to the person's places (placed, selected, scored).
    const { organiser, edition } = await createOpenEdition();
    const referent = await createUser({
      firstName: "Paola",
      lastName: "Referente",
      roles: [{ role: "referente-usr", regionCode: "lombardia" }],
    });
    const trainer = await createUser({ firstName: "Tina", lastName: "Formatrice", roles: [{ role: "formatore" }] });
    const teacher = await createUser();
    const other = await createUser();
    const own = await enrol(teacher.id, edition.id);
    const others = await enrol(other.id, edition.id);
    if (!own.ok || !others.ok) throw new Error("enrolment failed");
    const audit = (data: {
      actorId: string | null;
      entityType: string;
      entityId: string;
      action: string;
      details: object;
    }) => prisma.auditLog.create({ data: { ...data, details: JSON.stringify(data.details) } });
    await audit({
      actorId: referent.id,
      entityType: "edition",
      entityId: edition.id,
      action: "partecipante-inserito",
      details: { userId: teacher.id, email: teacher.email, status: "iscritto", reason: "Richiesta della scuola" },
    });
    await audit({
      actorId: referent.id,
      entityType: "edition",
      entityId: edition.id,
      action: "partecipante-inserito",
      details: { userId: other.id, email: other.email, status: "iscritto" },
    });
    await audit({
      actorId: trainer.id,
      entityType: "enrolment",
      entityId: own.enrolmentId,
      action: "candidatura-valutata",
      details: { scores: { esperienza: 3 }, total: 3 },
    });
    await audit({
      actorId: organiser.id,
      entityType: "edition",
      entityId: edition.id,
      action: "candidati-selezionati",
      details: { enrolments: [others.enrolmentId, own.enrolmentId] },
    });
    // Entries about several people's places at once, as the bulk move and the offers' recount write them.
    await audit({
      actorId: organiser.id,
      entityType: "edition",
      entityId: edition.id,
      action: "spostamento-multiplo",
      details: {
        toEditionId: "altra-edizione",
        reason: null,
        moved: 1,
        notMoved: 1,
        rows: [
          { enrolmentId: others.enrolmentId, userId: other.id, outcome: "moved" },
          { enrolmentId: own.enrolmentId, userId: teacher.id, outcome: "target-full" },
        ],
      },
    });
    await audit({
      actorId: organiser.id,
      entityType: "edition",
      entityId: edition.id,
      action: "offerte-ricalcolate",
      details: {
        shortened: [{ enrolmentId: others.enrolmentId, from: "a", to: "b" }],
        promoted: [own.enrolmentId, others.enrolmentId],
        expired: [others.enrolmentId],
      },
    });
    await audit({
      actorId: organiser.id,
      entityType: "user",
      entityId: teacher.id,
      action: "role.grant",
      details: { role: "formatore", regionCode: "" },
    });
    await audit({
      actorId: teacher.id,
      entityType: "user",
      entityId: teacher.id,
      action: "profilo-modificato",
      details: {},
    });

    const chunks: Buffer[] = [];
    for await (const chunk of exportAccountData(teacher.id, { pageSize: 2 })) chunks.push(chunk as Buffer);
    const { files, json } = open(new Uint8Array(Buffer.concat(chunks)));
    const places = json("registro-modifiche-iscrizioni.json");
    expect(places.map((e) => [e.action, e.by])).toEqual([
      ["partecipante-inserito", "referente-usr:lombardia"],
      ["candidatura-valutata", "formatore"],
      ["candidati-selezionati", "unita-nazionale"],
      ["spostamento-multiplo", "unita-nazionale"],
      ["offerte-ricalcolate", "unita-nazionale"],
    ]);
    expect(places[0]).toMatchObject({ entityId: edition.id, details: { reason: "Richiesta della scuola" } });
    expect(places[1]).toMatchObject({ entityId: own.enrolmentId, details: { total: 3 } });
    expect(places[2]!.details).toEqual({ enrolments: [own.enrolmentId] });
    expect(places[3]!.details).toEqual({
      toEditionId: "altra-edizione",
      reason: null,
      rows: [{ enrolmentId: own.enrolmentId, userId: teacher.id, outcome: "target-full" }],
    });
    expect(places[4]!.details).toEqual({ shortened: [], promoted: [own.enrolmentId], expired: [] });
    const account = json("registro-modifiche-account.json");
    expect(account.map((e) => [e.action, e.by])).toEqual([
      ["role.grant", "unita-nazionale"],
      ["profilo-modificato", "tu"],
    ]);
    expect(account[0]!.actorId).toBeUndefined();
    // No staff member's name, address or id, and nothing of the other participant.
    const everything = Object.values(files)
      .map((b) => strFromU8(b))
      .join("\n");
    for (const hidden of [referent.id, trainer.id, organiser.id, "Paola", "Formatrice", referent.email, other.id])
      expect(everything).not.toContain(hidden);
    expect(everything).not.toContain(others.enrolmentId);
    // No file in Forma is about a participant; what a person uploads to an event's sheet is listed as theirs.
    expect(json("materiali-caricati.json")).toEqual([]);
  });

  it("reads the tables in pages: a page size of one gives the same archive content", async () => {
    const t = await teacherWithHistory();
    const chunks: Buffer[] = [];
    for await (const chunk of exportAccountData(t.user.id, { pageSize: 1 })) chunks.push(chunk as Buffer);
    const { json } = open(new Uint8Array(Buffer.concat(chunks)));
    expect(json("iscrizioni.json")).toHaveLength(2);
    expect(json("storia-iscrizioni.json").length).toBeGreaterThanOrEqual(2);
    expect(json("attestati.json")).toHaveLength(1);
  });

  it("names its files in the ZIP's language, and its readme lists them as they are: English for an English account, Italian unchanged (07/12/2026)", async () => {
    // Before, an English account's forma-my-data-<day>.zip held LEGGIMI.txt, profilo.json, iscrizioni.json…
    const t = await teacherWithHistory();
    await prisma.organiserLetterhead.create({
      data: {
        userId: t.user.id,
        signatoryName: "Elena Neri",
        logo: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1]),
        logoMimeType: "image/png",
        signature: Buffer.from([0xff, 0xd8, 0xff, 2]),
        signatureMimeType: "image/jpeg",
      },
    });
    await prisma.user.update({ where: { id: t.user.id }, data: { locale: "en" } });
    const download = async (url: string) => {
      const response = (await callRoute(
        exportRoute.loader as Handler,
        routeRequest(url, { cookie: t.cookie }),
      )) as Response;
      return {
        name: response.headers.get("Content-Disposition"),
        ...open(new Uint8Array(await response.arrayBuffer())),
      };
    };
    const upload = `${t.training.id}-attestato_robotica.pdf`;
    /**
     * The archive's top-level files and its folders, in the archive's order, as its readme should list them (the
     * readme itself aside).
     */
    const listable = (files: Record<string, Uint8Array>, readme: string) =>
      [...new Set(Object.keys(files).map((f) => f.replace(/[^/]+$/, "") || f))].filter((f) => f !== readme);
    /** The names the readme lists: each entry's first word, at the start of its line. */
    const listed = (readme: string) =>
      readme
        .split("\n")
        .filter((line) => /^[a-z]/.test(line))
        .map((line) => line.split(" ")[0]!)
        .sort();

    // The account's language, as the ZIP's own name.
    const english = await download("http://localhost/profilo/dati.zip");
    expect(english.name).toMatch(/^attachment; filename="forma-my-data-/);
    expect(Object.keys(english.files).sort()).toEqual(
      [
        "README.txt",
        "profile.json",
        "enrolments.json",
        "enrolment-history.json",
        "attendance.json",
        "attendance-history.json",
        "completed-activities.json",
        "certificates.json",
        "questionnaires-answered.json",
        "external-training.json",
        `files/external-training/${upload}`,
        "sessions.json",
        "notifications.json",
        "account-changes-log.json",
        "enrolment-changes-log.json",
        "events-created.json",
        "trainer-assignments.json",
        "messages-written.json",
        "automatic-messages.json",
        "letterhead.json",
        "files/letterhead/logo.png",
        "files/letterhead/signature.jpg",
        "changes-made.json",
        "materials-uploaded.json",
      ].sort(),
    );
    expect(english.json("profile.json")).toMatchObject({ id: t.user.id, locale: "en" });
    expect(english.json("certificates.json")).toEqual([expect.objectContaining({ code: t.code })]);
    expect(english.files[`files/external-training/${upload}`]).toEqual(new Uint8Array(t.fileBytes));
    const englishReadme = strFromU8(english.files["README.txt"]!);
    expect(listed(englishReadme)).toEqual(listable(english.files, "README.txt").sort());

    // Asked in Italian (?lang=it), the whole download is Italian, names as they always were.
    const italian = await download("http://localhost/profilo/dati.zip?lang=it");
    expect(italian.name).toMatch(/^attachment; filename="forma-i-miei-dati-/);
    expect(Object.keys(italian.files).sort()).toEqual(
      [
        "LEGGIMI.txt",
        "profilo.json",
        "iscrizioni.json",
        "storia-iscrizioni.json",
        "presenze.json",
        "storia-presenze.json",
        "attivita-completate.json",
        "attestati.json",
        "questionari-compilati.json",
        "formazione-esterna.json",
        `file/formazione-esterna/${upload}`,
        "sessioni.json",
        "notifiche.json",
        "registro-modifiche-account.json",
        "registro-modifiche-iscrizioni.json",
        "eventi-creati.json",
        "incarichi-formatore.json",
        "messaggi-scritti.json",
        "messaggi-automatici.json",
        "carta-intestata.json",
        "file/carta-intestata/logo.png",
        "file/carta-intestata/firma.jpg",
        "modifiche-fatte.json",
        "materiali-caricati.json",
      ].sort(),
    );
    const italianReadme = strFromU8(italian.files["LEGGIMI.txt"]!);
    expect(listed(italianReadme)).toEqual(listable(italian.files, "LEGGIMI.txt").sort());
    expect(italianReadme).toContain(
      "registro-modifiche-account.json modifiche al tuo account / changes to your account\nregistro-modifiche-iscrizioni.json\n" +
        " ".repeat(32) +
        "modifiche fatte da altri",
    );
    // The readme's words are the same, bilingual, in both: only the names differ (the archives hold their files in
    // the same order).
    const italianName = new Map(
      listable(english.files, "README.txt").map((name, i) => [name, listable(italian.files, "LEGGIMI.txt")[i]]),
    );
    const words = (readme: string, rename = (name: string) => name) =>
      readme
        .split("\n")
        .map((line) => line.replace(/^[a-z]\S*/, rename))
        .join("\n")
        .replace(/\s+/g, " ");
    expect(words(englishReadme, (name) => italianName.get(name) ?? name)).toBe(words(italianReadme));
    expect(englishReadme).toContain("Forma: i tuoi dati / your data");

    // Read without a language (not from the route), it is the account's.
    const chunks: Buffer[] = [];
    for await (const chunk of exportAccountData(t.user.id)) chunks.push(chunk as Buffer);
    expect(Object.keys(open(new Uint8Array(Buffer.concat(chunks))).files)).toContain("README.txt");
  });

  it("asks a signed-out visitor to sign in", async () => {
    const r = (await callRoute(
      exportRoute.loader as Handler,
      routeRequest("http://localhost/profilo/dati.zip"),
    )) as Response;
    expect(r.status).toBe(302);
  });
});

// The certificates of an edition in bulk and the issuing office's letterhead (issue 15, item 5),
// on both engines: the organiser's letterhead (logo and signature images stored as bytes in the
// database, signatory's name and role) is set from /profilo/carta-intestata with images checked by
// type and size; /gestione/edizioni/:id/attestati.zip holds one PDF per valid certificate, drawn
// with that letterhead and the Unicode font; only an organiser who manages the event gets it.
import { unzipSync } from "fflate";
import { deflateSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { LETTERHEAD_IMAGE_MAX_BYTES, LETTERHEAD_MAX_SIDE } from "../../app/domain/letterhead.ts";
import { certificateDetails, renderCertificatePdf } from "../../app/models/certificate-pdf.server.ts";
import { validCertificatesOfEdition } from "../../app/models/certificate.server.ts";
import { closeAccount } from "../../app/models/account-closure.server.ts";
import { letterheadForEdition, loadLetterheadSettings, saveLetterhead } from "../../app/models/letterhead.server.ts";
import { grantRole, revokeRole } from "../../app/models/roles.server.ts";
import * as zipRoute from "../../app/routes/gestione.edizioni.$editionId_.attestati[.]zip.tsx";
import * as letterheadRoute from "../../app/routes/profilo_.carta-intestata.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createCertificate, createEnrolment, createOpenEdition, createUser, unique } from "../support/factories.ts";
import { pdfText } from "../support/pdf-text.ts";
import { jpegFrame, jpegHeader, jpegSegment } from "../support/jpeg.ts";
import { png, rgbaPngParts, solidPng } from "../support/png.ts";
import { createNationalUnit } from "../support/events.ts";
import { callRoute, cookieOf, routeRequest, runRoute, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

const zipLoader = zipRoute.loader as unknown as Handler;
const letterheadAction = letterheadRoute.action as unknown as Handler;

/** A Tuscan edition with two seated teachers holding valid certificates, one revoked, and its referent. */
async function scenario() {
  const { event, edition } = await createOpenEdition({ level: "regionale", regionCode: "toscana" });
  const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
  // The referent created the event: their letterhead is the one printed.
  await prisma.event.update({ where: { id: event.id }, data: { createdById: referent.id } });
  const holders = ["Łukasz Wróbel", "Ștefan Țurcanu", "Anna Revocata"];
  for (const [i, holderName] of holders.entries()) {
    const user = await createUser();
    const enrolment = await createEnrolment(edition, user.id);
    await createCertificate({ enrolmentId: enrolment.id, userId: user.id }, edition, {
      code: unique(`C${i}`)
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, ""),
      holderName,
      eventTitle: event.title,
      eventType: event.type,
      organiser: "Ufficio Scolastico Regionale per la Toscana",
      ...(i === 2 ? { revokedAt: new Date() } : {}),
    });
  }
  return { event, edition, referent, cookie: await cookieOf(referent.id) };
}

/** The edition's certificates ZIP, downloaded by its referent. */
/** The referent's letterhead in these tests: a name outside Latin-1, a logo and a signature. */
function carlasLetterhead() {
  return {
    signatoryName: "Dott.ssa Carla Ñúñez",
    signatoryRole: "Dirigente dell'Ufficio III",
    logo: solidPng(40, 40),
    signature: solidPng(120, 30, [0, 0, 0]),
  };
}

async function downloadZip(s: Awaited<ReturnType<typeof scenario>>): Promise<Response> {
  return (await callRoute(
    zipLoader,
    routeRequest(`http://localhost/gestione/edizioni/${s.edition.id}/attestati.zip`, { cookie: s.cookie }),
    { editionId: s.edition.id },
  )) as Response;
}

/** The certificates of the edition's ZIP, as PDF bytes (the download must answer 200). */
async function certificatePdfs(s: Awaited<ReturnType<typeof scenario>>): Promise<Uint8Array[]> {
  const response = await downloadZip(s);
  expect(response.status).toBe(200);
  return Object.values(unzipSync(new Uint8Array(await response.arrayBuffer())));
}

/** How many images a PDF embeds. */
const embeddedImages = (pdf: Uint8Array) =>
  Buffer.from(pdf)
    .toString("latin1")
    .match(/\/Subtype \/Image/g)?.length;

/**
 * The referent's letterhead written straight to the database with `logo`, as the page accepted it before its pixel
 * limits (only the bytes' cap and a readable header were checked); the signature is a small PNG.
 */
async function storeLetterheadWithLogo(s: Awaited<ReturnType<typeof scenario>>, logo: Uint8Array, mimeType: string) {
  await prisma.organiserLetterhead.create({
    data: {
      userId: s.referent.id,
      signatoryName: "Dott.ssa Carla Ñúñez",
      signatoryRole: "Dirigente",
      logo: new Uint8Array(logo),
      logoMimeType: mimeType,
      signature: new Uint8Array(solidPng(120, 30, [0, 0, 0])),
      signatureMimeType: "image/png",
    },
  });
}

function letterheadForm(fields: Record<string, string>, files: Record<string, Uint8Array> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [k, bytes] of Object.entries(files))
    form.append(k, new Blob([new Uint8Array(bytes)], { type: "image/png" }), `${k}.png`);
  return form;
}

describe("the organiser's letterhead", () => {
  it("stores PNG images as bytes with the signatory, refuses a non-image or an oversized one, and removes on request", async () => {
    const organiser = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const cookie = await cookieOf(organiser.id);
    const url = "http://localhost/profilo/carta-intestata";
    const post = (form: FormData) => runRoute(letterheadAction, { cookie, url, form });

    const saved = await post(
      letterheadForm(
        { signatoryName: "Dott.ssa Carla Ñúñez", signatoryRole: "Dirigente dell'Ufficio III" },
        { logo: solidPng(40, 40), signature: solidPng(120, 30, [0, 0, 0]) },
      ),
    );
    expect(saved).toMatchObject({ status: 302, location: "/profilo/carta-intestata?fatto=1" });
    const row = await prisma.organiserLetterhead.findUniqueOrThrow({ where: { userId: organiser.id } });
    expect(row).toMatchObject({
      signatoryName: "Dott.ssa Carla Ñúñez",
      signatoryRole: "Dirigente dell'Ufficio III",
      logoMimeType: "image/png",
      signatureMimeType: "image/png",
    });
    expect(Buffer.from(row.logo!).equals(solidPng(40, 40))).toBe(true);
    expect((await loadLetterheadSettings(organiser.id)).logo).toMatch(/^data:image\/png;base64,/);

    // Not an image (an SVG named .png), and an image over the cap: refused, nothing changes.
    const svg = new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'></svg>");
    const refused = await post(
      letterheadForm({ signatoryName: "Altro", signatoryRole: "Dirigente vicario" }, { logo: svg }),
    );
    expect(refused.status).toBe(400);
    // The texts come back as typed, for the page to show again (without JavaScript it is a new page).
    expect((refused.data as { typed?: unknown }).typed).toEqual({
      signatoryName: "Altro",
      signatoryRole: "Dirigente vicario",
    });
    const big = new Uint8Array(LETTERHEAD_IMAGE_MAX_BYTES + 10);
    big.set(solidPng(1, 1));
    expect(
      (await saveLetterhead(organiser.id, { signatoryName: "", signatoryRole: "", logo: big, signature: undefined }))
        .ok,
    ).toBe(false);
    // A file that only starts like a PNG cannot be drawn: refused too.
    const broken = solidPng(1, 1).subarray(0, 20);
    expect(
      await saveLetterhead(organiser.id, { signatoryName: "", signatoryRole: "", logo: broken, signature: undefined }),
    ).toEqual({
      ok: false,
      problems: { logo: "not-an-image" },
    });
    expect(
      (await prisma.organiserLetterhead.findUniqueOrThrow({ where: { userId: organiser.id } })).signatoryName,
    ).toBe("Dott.ssa Carla Ñúñez");

    // A PNG with more pixels than a certificate can afford to inflate each time it is drawn (a blank
    // 8000 × 8000 PNG weighs 249 KB and cost 6.5 s and 900 MB per certificate): refused, with its reason.
    const wide = LETTERHEAD_MAX_SIDE + 1;
    const huge = await post(letterheadForm({ signatoryName: "Altro" }, { logo: solidPng(wide, wide) }));
    expect(huge.status).toBe(400);
    expect((huge.data as { fields: Record<string, string> }).fields).toEqual({
      logo: "letterhead.error.too-many-pixels",
    });
    expect(
      (await prisma.organiserLetterhead.findUniqueOrThrow({ where: { userId: organiser.id } })).signatoryName,
    ).toBe("Dott.ssa Carla Ñúñez");

    // A JPEG too: a few hundred bytes declaring 30,000 × 30,000 pixels, which every viewer of every certificate
    // would decode to that size, was accepted (only a PNG's pixels were limited). Refused, the texts kept.
    const hugeJpeg = jpegHeader(30_000, 30_000);
    expect(hugeJpeg.byteLength).toBeLessThan(200);
    const jpegRefused = await post(
      letterheadForm({ signatoryName: "Altra", signatoryRole: "Dirigente" }, { logo: hugeJpeg }),
    );
    expect(jpegRefused.status).toBe(400);
    expect((jpegRefused.data as { fields: Record<string, string> }).fields).toEqual({
      logo: "letterhead.error.too-many-pixels",
    });
    expect((jpegRefused.data as { typed?: unknown }).typed).toEqual({
      signatoryName: "Altra",
      signatoryRole: "Dirigente",
    });
    expect(
      (await prisma.organiserLetterhead.findUniqueOrThrow({ where: { userId: organiser.id } })).signatoryName,
    ).toBe("Dott.ssa Carla Ñúñez");
    // No file keeps the stored image; "remove" drops it.
    expect((await post(letterheadForm({ signatoryName: "Carla Núñez", removeSignature: "on" }))).status).toBe(302);
    const after = await prisma.organiserLetterhead.findUniqueOrThrow({ where: { userId: organiser.id } });
    expect(after.logo).not.toBeNull();
    expect(after.signature).toBeNull();
    expect(after.signatoryName).toBe("Carla Núñez");
    expect(
      await prisma.auditLog.count({ where: { entityId: organiser.id, action: "carta-intestata-modificata" } }),
    ).toBe(2);

    // A teacher has no letterhead page.
    const teacher = await createUser();
    const forbidden = await runRoute(letterheadAction, {
      cookie: await cookieOf(teacher.id),
      url,
      form: letterheadForm({ signatoryName: "X" }),
    });
    expect(forbidden.status).toBe(403);
  });

  it("takes a JPEG within the pixel limit, and refuses one that shows pdfkit another size than its frame's", async () => {
    const organiser = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    // One that shows pdfkit a small size in a DAC segment (it takes FFCC for a frame) before its real frame: refused.
    const disguised = jpegHeader(0, 0, [
      ...jpegSegment(0xcc, [8, 0, 40, 0, 40, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      ...jpegFrame(30_000, 30_000),
    ]);
    expect(
      await saveLetterhead(organiser.id, {
        signatoryName: "",
        signatoryRole: "",
        logo: disguised,
        signature: undefined,
      }),
    ).toEqual({ ok: false, problems: { logo: "not-an-image" } });
    // One within the limit is taken, as a JPEG.
    expect(
      await saveLetterhead(organiser.id, {
        signatoryName: "Dott.ssa Carla Ñúñez",
        signatoryRole: "Dirigente dell'Ufficio III",
        logo: jpegHeader(LETTERHEAD_MAX_SIDE, 400),
        signature: undefined,
      }),
    ).toEqual({ ok: true });
    expect((await prisma.organiserLetterhead.findUniqueOrThrow({ where: { userId: organiser.id } })).logoMimeType).toBe(
      "image/jpeg",
    );
  });

  it("refuses a PNG whose pixels pdfkit could not decode, which ended the process at each certificate drawn", async () => {
    // pdfkit decodes a PNG with transparency (or interlaced) in an asynchronous zlib callback that throws on a broken
    // stream or an unknown row filter: nothing catches it and Node ends. Before, the upload only read the chunks.
    const organiser = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const save = (logo: Uint8Array, signature?: Uint8Array) =>
      saveLetterhead(organiser.id, { signatoryName: "Dirigente", signatoryRole: "", logo, signature });
    const refused = { ok: false, problems: { logo: "not-an-image" } };
    // Sound RGBA images, interlaced or not, are accepted: the test's PNGs are right, only their breakage refused.
    const parts = rgbaPngParts(300, 100);
    expect(await save(png(parts.chunks))).toEqual({ ok: true });
    expect(await save(png(rgbaPngParts(300, 100, { interlaced: true }).chunks))).toEqual({ ok: true });
    const withIdat = (data: Buffer) => png(parts.chunks.map((c) => (c.type === "IDAT" ? { ...c, data } : c)));
    const deflated = deflateSync(parts.rows);
    // The zlib stream cut short inside IDAT (the chunk's length and IEND kept), or its checksum wrong.
    expect(await save(withIdat(deflated.subarray(0, deflated.length - 40)))).toEqual(refused);
    const wrongSum = Buffer.from(deflated);
    wrongSum[wrongSum.length - 1] = wrongSum[wrongSum.length - 1]! ^ 0xff;
    expect(await save(withIdat(wrongSum))).toEqual(refused);
    // A stream that inflates, but to a row filter png-js does not know (7).
    const badFilter = Buffer.from(parts.rows);
    badFilter[50 * (1 + 300 * 4)] = 7; // row 50's filter byte
    expect(await save(withIdat(deflateSync(badFilter)))).toEqual(refused);
    // The signature is checked the same way.
    expect(await save(png(parts.chunks), withIdat(wrongSum))).toEqual({
      ok: false,
      problems: { signature: "not-an-image" },
    });
    // Lengths png-js would follow back to the same chunk for ever (blocking the process at the upload itself): a
    // chunk of length 2³² − 12, read as -12; and a tRNS in an RGBA image, which png-js does not skip, so that it
    // reads the chunk's data as such a chunk.
    const [ihdr, ...rest] = parts.chunks;
    const loop = { type: "abCd", data: Buffer.alloc(0), length: 0xfffffff4 };
    expect(await save(png([ihdr!, loop, ...rest]))).toEqual(refused);
    const hidden = Buffer.concat([Buffer.alloc(4), Buffer.from([0xff, 0xff, 0xff, 0xf4]), Buffer.from("abCd")]);
    expect(await save(png([ihdr!, { type: "tRNS", data: hidden }, ...rest]))).toEqual(refused);
    // Nothing broken was stored: the last sound images are.
    const row = await prisma.organiserLetterhead.findUniqueOrThrow({ where: { userId: organiser.id } });
    expect(Buffer.from(row.logo!).equals(png(rgbaPngParts(300, 100, { interlaced: true }).chunks))).toBe(true);
    expect(row.signature).toBeNull();
  });
});

describe("the certificates of an edition as one ZIP", () => {
  it("holds one PDF per valid certificate, with the event creator's letterhead and every name printed", async () => {
    const s = await scenario();
    expect(await saveLetterhead(s.referent.id, carlasLetterhead())).toEqual({ ok: true });

    const response = await downloadZip(s);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const names = Object.keys(files).sort();
    // The revoked certificate is left out.
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^attestato-Lukasz-Wrobel-[A-Z0-9]+\.pdf$/);
    expect(names[1]).toMatch(/^attestato-Stefan-Turcanu-[A-Z0-9]+\.pdf$/);
    const text = await pdfText(files[names[0]!]!);
    expect(text).toContain("Łukasz Wróbel");
    expect(text).toContain("Dott.ssa Carla Ñúñez");
    expect(text).toContain("Dirigente dell'Ufficio III");
    expect(text).not.toContain("Responsabile dell'iniziativa formativa");
    expect(await pdfText(files[names[1]!]!)).toContain("Ștefan Țurcanu");
    // The two images are embedded.
    expect(
      Buffer.from(files[names[0]!]!)
        .toString("latin1")
        .match(/\/Subtype \/Image/g)?.length,
    ).toBe(2);
  });

  it("leaves out a stored PNG with more pixels than the limit (saved before it existed) instead of inflating it", async () => {
    const s = await scenario();
    const wide = LETTERHEAD_MAX_SIDE + 1;
    await storeLetterheadWithLogo(s, solidPng(wide, wide), "image/png");
    const files = await certificatePdfs(s);
    expect(files).toHaveLength(2);
    for (const pdf of files) {
      // The signature only: the oversized logo is not embedded.
      expect(embeddedImages(pdf)).toBe(1);
      expect(await pdfText(pdf)).toContain("Dott.ssa Carla Ñúñez");
    }
  });

  it("leaves out a stored JPEG declaring more pixels than the limit (saved before a JPEG had one)", async () => {
    const s = await scenario();
    await storeLetterheadWithLogo(s, jpegHeader(30_000, 30_000), "image/jpeg");
    const files = await certificatePdfs(s);
    expect(files).toHaveLength(2);
    for (const pdf of files) {
      // The signature only: the logo that declares 30,000 × 30,000 pixels is not embedded.
      expect(embeddedImages(pdf)).toBe(1);
      expect(Buffer.from(pdf).toString("latin1")).not.toContain("/Width 30000");
    }
  });

  it("leaves off a stored image whose pixels do not decode (saved before they were checked) instead of ending the process", async () => {
    const s = await scenario();
    const parts = rgbaPngParts(300, 100);
    const deflated = deflateSync(parts.rows);
    const withIdat = (data: Buffer) => png(parts.chunks.map((c) => (c.type === "IDAT" ? { ...c, data } : c)));
    // Written as the page accepted them before: the chunks were read, the pixels never inflated.
    await prisma.organiserLetterhead.create({
      data: {
        userId: s.referent.id,
        signatoryName: "Dott.ssa Carla Ñúñez",
        signatoryRole: "Dirigente",
        logo: new Uint8Array(withIdat(deflated.subarray(0, deflated.length - 40))),
        logoMimeType: "image/png",
        signature: new Uint8Array(withIdat(Buffer.concat([Buffer.from([0x78, 0x9c]), Buffer.alloc(64, 0xab)]))),
        signatureMimeType: "image/png",
      },
    });
    const details = await certificateDetails(s.edition.id);
    expect(details.letterhead).toMatchObject({ signatoryName: "Dott.ssa Carla Ñúñez", logo: null, signature: null });
    const [certificate] = await validCertificatesOfEdition(s.edition.id);
    const pdf = await renderCertificatePdf(certificate!, { origin: "https://forma.example.it", details });
    expect(Buffer.from(pdf).toString("latin1")).not.toMatch(/\/Subtype \/Image/);
    expect(await pdfText(pdf)).toContain("Dott.ssa Carla Ñúñez");
    // The organiser's ZIP too: every certificate, without the images.
    const files = await certificatePdfs(s);
    expect(files).toHaveLength(2);
    for (const file of files) expect(embeddedImages(file)).toBeUndefined();
  });

  it("is refused to a referent of another region and is a 404 without valid certificates", async () => {
    const s = await scenario();
    const stranger = await createUser({ roles: [{ role: "referente-usr", regionCode: "lazio" }] });
    const url = `http://localhost/gestione/edizioni/${s.edition.id}/attestati.zip`;
    const foreign = await runRoute(zipLoader, {
      cookie: await cookieOf(stranger.id),
      url,
      params: { editionId: s.edition.id },
    });
    expect(foreign.status).toBe(403);

    const empty = await createOpenEdition({ level: "regionale", regionCode: "toscana" });
    const none = await runRoute(zipLoader, {
      cookie: s.cookie,
      url: `http://localhost/gestione/edizioni/${empty.edition.id}/attestati.zip`,
      params: { editionId: empty.edition.id },
    });
    expect(none.status).toBe(404);
  });
});

describe("a letterhead whose owner no longer answers for the event (review 0015)", () => {
  /** The scenario with the referent's letterhead saved, and a certificate of the edition's. */
  async function signed() {
    const s = await scenario();
    expect(await saveLetterhead(s.referent.id, carlasLetterhead())).toEqual({ ok: true });
    expect(await letterheadForEdition(s.edition.id)).toMatchObject({ signatoryName: "Dott.ssa Carla Ñúñez" });
    const [certificate] = await validCertificatesOfEdition(s.edition.id);
    const printed = async () => {
      const pdf = await renderCertificatePdf(certificate!, {
        origin: "https://forma.example.it",
        details: await certificateDetails(s.edition.id),
        compress: false,
      });
      return {
        text: (await pdfText(pdf)).replace(/\s+/g, " "),
        images: pdf.toString("latin1").match(/\/Subtype \/Image/g),
      };
    };
    return { ...s, certificate: certificate!, printed };
  }

  it("is not printed once the creator's referent role is revoked, nor after a move to another region", async () => {
    const s = await signed();
    const nu = await createNationalUnit();
    const role = await prisma.userRole.findFirstOrThrow({ where: { userId: s.referent.id } });
    expect(await revokeRole(nu.actor, role.id)).toMatchObject({ ok: true, changed: true });
    expect(await letterheadForEdition(s.edition.id)).toBeNull();
    const revoked = await s.printed();
    // Neither the signature image nor the name (typed on the letterhead, or the account's): the issuing body signs.
    expect(revoked.images).toBeNull();
    expect(revoked.text).not.toContain("Carla Ñúñez");
    expect(revoked.text).not.toContain(`${s.referent.firstName} ${s.referent.lastName}`);
    expect(revoked.text).toContain("Responsabile dell'iniziativa formativa");
    expect(revoked.text).toContain(s.certificate.organiser);
    // Referent again, but of Lombardy: still not the Tuscan event's.
    const lombardia = { userId: s.referent.id, role: "referente-usr", regionCode: "lombardia" } as const;
    expect(await grantRole(nu.actor, lombardia)).toMatchObject({ ok: true, changed: true });
    expect(await letterheadForEdition(s.edition.id)).toBeNull();
    // Tuscany's again: the letterhead, which was kept, signs again.
    expect(await grantRole(nu.actor, { ...lombardia, regionCode: "toscana" })).toMatchObject({ ok: true });
    expect((await s.printed()).text).toContain("Dott.ssa Carla Ñúñez");
  });

  it("is deleted when the creator closes the account, and the issuing body signs", async () => {
    const s = await signed();
    expect(await closeAccount(s.referent.id, s.referent.id)).toMatchObject({ ok: true });
    // The signature image and the signatory's name are personal data: gone with the account (ADR 0013).
    expect(await prisma.organiserLetterhead.findUnique({ where: { userId: s.referent.id } })).toBeNull();
    expect(await letterheadForEdition(s.edition.id)).toBeNull();
    const closed = await s.printed();
    expect(closed.images).toBeNull();
    expect(closed.text).not.toContain("Carla Ñúñez");
    expect(closed.text).toContain(s.certificate.organiser);
  });
});

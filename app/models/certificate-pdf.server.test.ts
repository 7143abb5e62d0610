// The certificate as its reader gets it: the bytes renderCertificatePdf produces, read back with
// pdf.js (tests/support/pdf-text.ts): its text, its pages, its structure tree, its fonts.
import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";
import { statedCertificate } from "../../tests/support/certificates.ts";
import { openPdf, pdfPages } from "../../tests/support/pdf-text.ts";
import { rgbaPng } from "../../tests/support/png.ts";
import { parseRomeDateTime } from "~/utils/dates.ts";
import type { StatedCertificate } from "~/domain/certificate-text.ts";
import { fileNameOf, renderCertificatePdf } from "./certificate-pdf.server.ts";

const ORIGIN = "https://forma.example.it";

/** A webinar of two and a half hours. */
function snapshot(fields: Partial<StatedCertificate> = {}): StatedCertificate {
  return statedCertificate({
    eventType: "webinar",
    editionStartsOn: parseRomeDateTime("2026-11-04T17:00")!,
    editionEndsOn: parseRomeDateTime("2026-11-05T18:30")!,
    certifiedMinutes: 150,
    issuedAt: parseRomeDateTime("2026-12-04T23:14")!,
    ...fields,
  });
}

// The longest the forms accept: first and last name 80 characters each (account-forms.ts), an
// event title 200 (event-form.ts), a venue 300 (printed "presso … e online").
const LONG_NAME =
  "Maria Şükrü Ștefania Țurcanu Łucja Đurđa Őrsi Ångström Ελισάβετ Анастасия Ţepeş Weiß".padEnd(80, "a") +
  " " +
  "Øvergaard de la Cruz y Fernández-Κωνσταντίνου Дмитриевна Åberg Lindqvist Đorđević".padEnd(80, "o");
const LONG_TITLE =
  "Webinar eTwinning: sicurezza e benessere digitale — un percorso lungo per capire perché l’identità digitale, la cittadinanza attiva e la prevenzione del cyberbullismo sono già priorità".padEnd(
    200,
    "!",
  );
const LONG_PLACE = {
  placeVenue: "Istituto d’istruzione superiore «Leonardo da Vinci», aula magna, ".repeat(5).slice(0, 300),
  placeOnline: true,
};

// Rendering and reading back a PDF takes seconds on a loaded machine (5.6 s seen beside a test run): above the unit default of 5 s.
describe("renderCertificatePdf", { timeout: 30_000 }, () => {
  it("stays one page with the longest name, title and venue, the verification code on it", async () => {
    for (const [place, details] of [
      [LONG_PLACE, { responsible: "Giulia Conti", fiscalCode: "RSSMRA80A41D612X" }],
      [{}, { responsible: null }],
    ] as const) {
      const pdf = await renderCertificatePdf(snapshot({ holderName: LONG_NAME, eventTitle: LONG_TITLE, ...place }), {
        origin: ORIGIN,
        details,
      });
      const pages = await pdfPages(pdf);
      expect(pages).toHaveLength(1);
      const text = pages[0]!.replace(/\s+/g, " ");
      for (const expected of [
        "Si attesta che",
        "2 ore e 30 minuti",
        "Firma autografa sostituita a mezzo stampa ai sensi dell'art. 3, comma 2, del D.Lgs. 39/1993",
        "FRM-ABCD-EFGH-JKMN",
        `${ORIGIN}/attestati/verifica/FRM-ABCD-EFGH-JKMN`,
      ]) {
        expect(text).toContain(expected);
      }
      // The whole name and the whole title, wrapped, nothing cut.
      expect(text.replace(/ /g, "")).toContain(LONG_NAME.replace(/ /g, ""));
      expect(text.replace(/ /g, "")).toContain(`«${LONG_TITLE}»`.replace(/ /g, ""));
    }
  });

  it(
    "with every text at the longest the forms accept, letterhead too, nothing is drawn over the verification code",
    { timeout: 90_000 },
    async () => {
      // Review 0017: a Greek name, a Cyrillic venue and the letterhead's role and signatory at 120 characters pushed
      // the note on the printed signature over the code "FRM-…".
      const letterhead = {
        signatoryName:
          "Prof.ssa Maria Şükrü Ștefania Țurcanu de la Cruz y Fernández-Κωνσταντίνου Дмитриевна Åberg Lindqvist".padEnd(
            120,
            "a",
          ),
        signatoryRole:
          "Dirigente dell'Ufficio scolastico regionale per la Toscana, Direzione generale, Ufficio III, formazione del personale".padEnd(
            120,
            "e",
          ),
        logo: PNG,
        signature: PNG,
      };
      const greekName = `${"Αλέξανδρος Παπαδόπουλος Κωνσταντινίδης".padEnd(80, "α")} ${"Χατζηγεωργίου".padEnd(80, "ω")}`;
      const cyrillicVenue = "Московский государственный педагогический университет, аудитория ".repeat(5).slice(0, 300);
      for (const [holderName, placeVenue] of [
        [greekName, cyrillicVenue],
        [LONG_NAME, LONG_PLACE.placeVenue],
      ]) {
        const pdf = await renderCertificatePdf(
          snapshot({ holderName, eventTitle: LONG_TITLE, placeVenue, placeOnline: true }),
          { origin: ORIGIN, details: { responsible: null, fiscalCode: "RSSMRA80A41D612X", letterhead } },
        );
        const doc = await openPdf(pdf);
        try {
          expect(doc.numPages).toBe(1);
          const page = await doc.getPage(1);
          const pageHeight = page.view[3]!;
          // The verification box: the QR code's top (100 pt high, 80 pt above the foot) down to the page's foot.
          const qrTop = pageHeight - 80 - 100;
          const items = (await page.getTextContent()).items.flatMap((item) =>
            "str" in item && item.str.trim()
              ? [{ text: item.str, bottom: pageHeight - item.transform[5]! + 0.25 * item.height }]
              : [],
          );
          const heading = items.findIndex((i) => i.text.startsWith("Codice di verifica"));
          expect(heading).toBeGreaterThan(0);
          // Everything drawn before the box's heading (body, issue line, signature block and its note) ends above it.
          const over = items.slice(0, heading).filter((i) => i.bottom > qrTop);
          expect(over.map((i) => `${i.text.slice(0, 40)} (${i.bottom.toFixed(1)} > ${qrTop.toFixed(1)})`)).toEqual([]);
          const text = items.map((i) => i.text).join(" ");
          expect(text).toContain("Firma autografa sostituita a mezzo stampa");
          expect(text).toContain("FRM-ABCD-EFGH-JKMN");
        } finally {
          await doc.destroy();
        }
      }
    },
  );

  it("the English rendering stays one page too, with the note on an Italian title and the level", async () => {
    const stated = snapshot({ holderName: LONG_NAME, eventTitle: LONG_TITLE, eventLevel: "europeo", ...LONG_PLACE });
    const pdf = await renderCertificatePdf(stated, {
      origin: ORIGIN,
      details: { responsible: "Giulia Conti", fiscalCode: "RSSMRA80A41D612X" },
      locale: "en",
    });
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    const text = pages[0]!.replace(/\s+/g, " ");
    expect(text).toContain("(title in Italian)");
    expect(text).toContain("Webinar, European level");
    // Its address opens the verification page in English; the Italian certificate's has no ?lang.
    expect(text.replace(/ /g, "")).toContain(
      `English rendering of the official Italian certificate FRM-ABCD-EFGH-JKMN; verify at ${ORIGIN}/attestati/verifica/FRM-ABCD-EFGH-JKMN?lang=en`.replace(
        / /g,
        "",
      ),
    );
    expect(text.replace(/ /g, "")).toContain(`«${LONG_TITLE}»`.replace(/ /g, ""));
  });

  it("keeps the usual layout for a usual certificate", async () => {
    const pages = await pdfPages(await renderCertificatePdf(snapshot(), { origin: ORIGIN }));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain("Maria Rossi");
  });

  it("is a tagged PDF: language, title shown, headings, paragraphs and figures in reading order, every font embedded", async () => {
    const letterhead = { signatoryName: "Giulia Conti", signatoryRole: "Dirigente", logo: PNG, signature: PNG };
    const pdf = await renderCertificatePdf(snapshot({ placeOnline: true }), {
      origin: ORIGIN,
      compress: false,
      details: { responsible: null, letterhead },
    });
    const doc = await openPdf(pdf);
    try {
      expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
      expect(await doc.getViewerPreferences()).toMatchObject({ DisplayDocTitle: true });
      const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
      expect(info).toMatchObject({ Title: "Attestato di partecipazione — Maria Rossi", Language: "it-IT" });
      const tree = (await (await doc.getPage(1)).getStructTree()) as StructNode;
      const document = tree.children[0] as StructNode;
      expect(document.role).toBe("Document");
      const elements = document.children.map((child) => {
        const node = child as StructNode;
        return node.alt ? `${node.role}: ${node.alt}` : node.role;
      });
      expect(elements).toEqual([
        "Figure: Logo: Unità nazionale eTwinning – INDIRE",
        "P", // the organiser
        "H1", // Attestato di partecipazione
        "P", // Si attesta che
        "P", // the holder
        "P", // ha partecipato all'iniziativa formativa
        "P", // the title
        "P", // the event type
        "P", // svoltasi…
        "P", // per un totale di ore certificate pari a
        "P", // the hours
        "P", // Rilasciato a…
        "P", // the signatory's role
        "P", // the signatory
        "Figure: Firma: Giulia Conti",
        "P", // the note on the printed signature
        "H2", // Codice di verifica
        "P", // the code
        "P", // the address
        `Figure: Codice QR dell'indirizzo di verifica ${ORIGIN}/attestati/verifica/FRM-ABCD-EFGH-JKMN`,
      ]);
    } finally {
      await doc.destroy();
    }
    // No standard font left unembedded (the code was in Courier-Bold): every font is an embedded TrueType.
    const fonts = pdf.toString("latin1").match(/\/Subtype \/(Type1|TrueType|Type0|CIDFontType2)/g) ?? [];
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => f.endsWith("Type1"))).toEqual([]);
  });
});

it("a title written in English is marked as English in the structure, the rest stays Italian", async () => {
  const render = (eventTitleLanguage: string) =>
    renderCertificatePdf(snapshot({ eventTitle: "Digital citizenship in European schools", eventTitleLanguage }), {
      origin: ORIGIN,
      compress: false,
    });
  const langs = async (pdf: Buffer) => {
    const doc = await openPdf(pdf);
    try {
      const tree = (await (await doc.getPage(1)).getStructTree()) as StructNode;
      const document = tree.children[0] as StructNode;
      return document.children.flatMap((child) => {
        const node = child as StructNode;
        return node.lang ? [`${node.role}: ${node.lang}`] : [];
      });
    } finally {
      await doc.destroy();
    }
  };
  // Only the paragraph of the title.
  expect(await langs(await render("en"))).toEqual(["P: en"]);
  expect(await langs(await render("it"))).toEqual([]);
});

type StructNode = { role: string; alt?: string; lang?: string; children: (StructNode | { type: string })[] };

/** A 1×1 PNG, for the logo and the signature. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

describe("the letterhead's images", { timeout: 30_000 }, () => {
  it("are decoded once for all the certificates drawn with them, and drawn the same in each", async () => {
    // pdfkit decoded a transparent PNG in every document it drew it in (png-js's decodePixels, then it split and
    // deflated the alpha channel): 0.75 s a certificate for a 2000 × 2000 logo and signature, an edition's ZIP
    // paying it once per participant (review 0017).
    const pngDecoder = createRequire(import.meta.url)("png-js") as { prototype: { decodePixels: () => void } };
    const decodes = vi.spyOn(pngDecoder.prototype, "decodePixels");
    try {
      const letterhead = {
        signatoryName: "Giulia Conti",
        signatoryRole: "Dirigente",
        logo: rgbaPng(60, 40, 7),
        signature: rgbaPng(90, 20, 8),
      };
      const render = () =>
        renderCertificatePdf(snapshot(), {
          origin: ORIGIN,
          compress: false,
          details: { responsible: null, letterhead },
        });
      const pdfs = [await render(), await render(), await render()];
      expect(decodes).toHaveBeenCalledTimes(2);
      // Each certificate holds both images whole, with their transparency as a soft mask.
      for (const pdf of pdfs) {
        const text = pdf.toString("latin1");
        expect(text.match(/\/Subtype \/Image/g)).toHaveLength(4);
        expect(text).toContain("/Width 60\n/Height 40");
        expect(text).toContain("/Width 90\n/Height 20");
        expect(text.match(/\/SMask \d+ 0 R/g)).toHaveLength(2);
        const doc = await openPdf(pdf);
        try {
          const figures = ((await (await doc.getPage(1)).getStructTree()) as StructNode).children[0] as StructNode;
          expect(figures.children.filter((c) => (c as StructNode).role === "Figure")).toHaveLength(3);
        } finally {
          await doc.destroy();
        }
      }
    } finally {
      decodes.mockRestore();
    }
  });
});

describe("a holder's name as the ZIP entry's file name", () => {
  it("spells every name the forms accept in ASCII letters, Greek and Cyrillic ones too", () => {
    expect(fileNameOf("Łukasz Wróbel")).toBe("Lukasz-Wrobel");
    expect(fileNameOf("Şükrü Ţepeş-Weiß")).toBe("Sukru-Tepes-Weiss");
    expect(fileNameOf("Ελένη Παππά")).toBe("Eleni-Pappa");
    expect(fileNameOf("Иван Петров")).toBe("Ivan-Petrov");
    expect(fileNameOf("D'Amico Øvergaard")).toBe("D-Amico-Overgaard");
    expect(fileNameOf("…")).toBe("attestato");
  });
});

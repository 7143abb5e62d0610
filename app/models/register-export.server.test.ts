// The session register as its signers get it: renderRegisterPdf's bytes read back with pdf.js.
import { describe, expect, it } from "vitest";
import { pdfPages } from "../../tests/support/pdf-text.ts";
import { parseRomeDateTime } from "~/utils/dates.ts";
import { renderRegisterPdf, type RegisterExport } from "./register-export.server.ts";

const LAST = "Weiß-Øvergaard de la Cruz y Fernández Κωνσταντίνου";
const FIRST = "Maria Şükrü Ștefania Țurcanu Łucja";
const EMAIL = "maria.sukru.stefania.turcanu.weiss-overgaard@istituto-comprensivo-firenze.edu.it";

function register(lines: RegisterExport["lines"]): RegisterExport {
  return {
    number: 1,
    session: {
      id: "s1",
      title: "Webinar di apertura",
      startsAt: parseRomeDateTime("2026-10-25T17:00")!,
      endsAt: parseRomeDateTime("2026-10-25T19:00")!,
      minutes: 120,
      edition: {
        id: "e1",
        number: 1,
        startsOn: parseRomeDateTime("2026-10-25T17:00")!,
        endsOn: parseRomeDateTime("2026-11-29T19:00")!,
        event: { title: "Corso di base eTwinning", trainers: [{ user: { firstName: "Anna", lastName: "Ferri" } }] },
      },
    },
    lines,
  };
}

// Rendering and reading back a PDF takes seconds on a loaded machine: above the unit default of 5 s.
describe("renderRegisterPdf", { timeout: 30_000 }, () => {
  it("prints a long name and email whole, wrapped in their cells, never cut with an ellipsis", async () => {
    const lines = Array.from({ length: 40 }, (_, i) => ({
      firstName: i === 20 ? FIRST : `Nome${i}`,
      lastName: i === 20 ? LAST : `Cognome${String(i).padStart(2, "0")}`,
      email: i === 20 ? EMAIL : `corsista${i}@forma.test`,
      status: "presente" as const,
      minutes: 120,
    }));
    const pages = await pdfPages(await renderRegisterPdf(register(lines), "it"));
    const text = pages.join("\n");
    expect(text).not.toContain("…");
    const squeezed = text.replace(/\s+/g, "");
    for (const whole of [LAST, FIRST, EMAIL]) expect(squeezed).toContain(whole.replace(/\s+/g, ""));
    // Every participant is on the register once, and each page ends with its footer.
    for (const line of lines) expect(squeezed).toContain(line.email);
    pages.forEach((page, i) => expect(page).toContain(`Pagina ${i + 1} di ${pages.length}`));
  });
});

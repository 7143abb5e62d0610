// Every message of both catalogues goes through the one message syntax (./format.ts): both
// languages have the same keys and the same placeholders, every plural has the forms its language
// needs, and sentences about counts say "1 riga", never "1 righe".
import { describe, expect, it as test } from "vitest";
import { formatMessage, placeholdersOf, pluralBlocksOf, requiredPluralCategories } from "./format.ts";
import { translator } from "./i18n.tsx";
import { en, it } from "./messages.ts";
import { TEMPLATES } from "../../emails/index.ts";

const catalogues = { it, en } as const;
const keys = Object.keys(it).sort();

describe("message catalogues", () => {
  test("Italian and English have the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(keys);
  });

  test("every message parses, and both languages use the same placeholders", () => {
    const mismatches: string[] = [];
    for (const key of keys) {
      const a = placeholdersOf(it[key as keyof typeof it]);
      const b = placeholdersOf(en[key as keyof typeof en]);
      if (a.join() !== b.join()) mismatches.push(`${key}: it {${a}} en {${b}}`);
    }
    expect(mismatches).toEqual([]);
  });

  test("every plural message has the forms each language needs", () => {
    expect(requiredPluralCategories("it")).toEqual(["one", "other"]);
    expect(requiredPluralCategories("en")).toEqual(["one", "other"]);
    const missing: string[] = [];
    let plurals = 0;
    for (const locale of ["it", "en"] as const) {
      const needed = requiredPluralCategories(locale);
      for (const key of keys) {
        for (const block of pluralBlocksOf(catalogues[locale][key as keyof typeof it])) {
          plurals += 1;
          const lacking = needed.filter((c) => !block.selectors.includes(c));
          if (lacking.length) missing.push(`${locale} ${key} {${block.name}}: no ${lacking.join(", ")}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(plurals).toBeGreaterThan(20);
  });

  test("no message puts a bare placeholder before a plural noun (use a plural block)", () => {
    // "{count} righe", "{count} attestati"… read "1 righe" for one: such counts go through plural.
    const bare =
      /\{(\w+)\} (righe|attestati|partecipanti|candidature|iscrizioni|minuti|giorni|modifiche|disponibili|posti|ore|pagine|persone|secondi|hours|seats|pages)\b/;
    const offenders = keys.filter((k) => bare.test(it[k as keyof typeof it]));
    expect(offenders).toEqual([]);
  });
});

describe("giving a seat up", () => {
  // A seat given up or declined goes on only if someone waits in its line and the edition still gives seats (not in
  // a closed event, not once the training is over: ADR 0011, 0084): the steps say it may, as the emails do.
  test("the cancel and decline steps say the seat may go to the waiting list, not that it will", () => {
    expect(it["confirm.cancel.text"]).toContain("Il posto potrà passare a chi è in lista d'attesa");
    expect(en["confirm.cancel.text"]).toContain("The seat may go to whoever is on the waiting list");
    for (const key of ["confirm.cancel.text", "confirm.decline.text"] as const) {
      expect(it[key]).not.toMatch(/passerà|andrà/);
      expect(en[key]).not.toMatch(/will go/);
    }
  });
});

describe("labels for stored codes", () => {
  test("every email kind has a label in both languages (the admin page shows no raw slugs)", () => {
    for (const kind of Object.keys(TEMPLATES)) {
      const key = `admin.email.kind.${kind}`;
      expect(it, key).toHaveProperty([key]);
      expect(en, key).toHaveProperty([key]);
      expect(translator("en")(key as keyof typeof it)).not.toBe(kind);
    }
  });
});

describe("names of controls", () => {
  test("a button's hidden name starts with its visible words (WCAG 2.5.3): 'Mark present' is named 'Mark present: …'", () => {
    // The register's "Segna presente" / "Mark present" buttons are named after the person with an
    // aria-label; a voice user says the words on the button, so the name must start with them.
    for (const locale of ["it", "en"] as const) {
      const t = translator(locale);
      const name = t("attendance.staff.markPresentLabel", { name: "Rossi Anna" });
      expect(name.startsWith(t("attendance.staff.markPresent")), name).toBe(true);
      expect(name).toContain("Rossi Anna");
    }
  });
});

describe("accessibility statement", () => {
  test("does not list as missing the language of titles in the PDFs, which the register and the plan mark (ADR 0086)", () => {
    // register-export.server.test.ts and training-plan-pdf.server.test.ts check the marking itself.
    expect(it["a11y.missing.text"]).not.toMatch(/non è ancora/);
    expect(it["a11y.missing.text"]).toContain("la lingua del titolo di un'iniziativa scritto in un'altra lingua");
    expect(en["a11y.missing.text"]).not.toMatch(/not yet/);
    expect(en["a11y.missing.text"]).toContain("the language of an event title written in another language");
  });
});

describe("formatMessage", () => {
  test("chooses the form by the language's plural rules", () => {
    const msg = "{n, plural, =0 {nessuna riga} one {# riga modificata} other {# righe modificate}}";
    expect(formatMessage(msg, { n: 0 }, "it")).toBe("nessuna riga");
    expect(formatMessage(msg, { n: 1 }, "it")).toBe("1 riga modificata");
    expect(formatMessage(msg, { n: 2 }, "it")).toBe("2 righe modificate");
    expect(formatMessage(msg, { n: 1_000_000 }, "it")).toBe("1000000 righe modificate");
    expect(formatMessage("{h, plural, one {# ora} other {# ore}}", { h: "1,5" }, "it")).toBe("1,5 ore");
    expect(formatMessage("{h, plural, one {# ora} other {# ore}}", { h: "1" }, "it")).toBe("1 ora");
    expect(formatMessage("Ciao {name}: {n, plural, one {# posto} other {# posti}}", { name: "Ada", n: 3 }, "it")).toBe(
      "Ciao Ada: 3 posti",
    );
  });

  test("the translator uses it for real keys", () => {
    expect(translator("it")("attendance.register.saved", { changed: 1 })).toBe("Registro salvato: 1 riga modificata.");
    expect(translator("it")("attendance.register.saved", { changed: 4 })).toBe("Registro salvato: 4 righe modificate.");
    expect(translator("en")("attendance.register.saved", { changed: 1 })).toBe("Register saved: 1 line changed.");
    expect(translator("it")("attendance.edition.progress.requiredMissing", { count: 1 })).toBe("manca 1");
    // One seat asked, none left; one page of results; one person enrolled (were "1 posti", "1 pagine"…).
    expect(translator("it")("applications.select.error.over-cap", { requested: 1, free: 0 })).toBe(
      "Posti insufficienti: hai chiesto 1 posto, non ne resta nessuno.",
    );
    expect(translator("en")("applications.select.error.over-cap", { requested: 3, free: 1 })).toBe(
      "Not enough seats: you asked for 3 seats, 1 is left.",
    );
    expect(translator("it")("catalogue.results.pageOutOfRange", { page: 4, pages: 1 })).toBe(
      "La pagina 4 non esiste: i risultati occupano una sola pagina.",
    );
    expect(translator("it")("checkIn.trainer.count", { count: 1, enrolled: 1 })).toBe(
      "Presenze registrate con il QR: 1 su 1 persona iscritta.",
    );
    expect(translator("it")("events.form.hoursTally", { sessions: "2 ore", certified: "1 ora" })).toBe(
      "2 ore negli incontri; ore certificate dell'evento: 1 ora",
    );
  });
});

// The body limit of each route: an upload page allows its file, whether the browser posts to the page
// itself (no JavaScript) or to its single-fetch twin "<path>.data" (JavaScript, Remix's <Form>).
import { describe, expect, it } from "vitest";
import { MAX_SHEET_FILE_BYTES } from "~/domain/event-sheet.ts";
import { LETTERHEAD_IMAGE_MAX_BYTES } from "~/domain/letterhead.ts";
import { MAX_CERTIFICATE_BYTES } from "~/domain/training-plan.ts";
import { MAX_REPORT_BYTES } from "~/domain/webinar-report.ts";
import { REGISTER_MAX_LINES } from "~/forms/attendance-forms.ts";
import { MAX_EDITIONS_PER_EVENT, MAX_SESSIONS_PER_EDITION } from "~/forms/event-form.ts";
import fs from "node:fs";
import { bodyLimitFor, FORM_BODY_LIMIT, largestBodyLimit } from "./body-limit.server.ts";

/** A cuid-like id of 25 characters, as Prisma's ids are. */
const idOf = (i: number) => `c${String(i).padStart(24, "0")}`;

/** The register page's body as the browser posts it (field names of app/routes/formazione.incontri.$sessionId.tsx). */
function registerBody(lines: number, note = ""): string {
  const form = new URLSearchParams({ intent: "save" });
  for (let i = 0; i < lines; i++) {
    const id = idOf(i);
    form.append("line", id);
    form.append(`was-${id}`, "presente:");
    form.append(`status-${id}`, "uscita-anticipata");
    form.append(`minutes-${id}`, "90");
    form.append(`wasnote-${id}`, note);
    form.append(`note-${id}`, note);
  }
  return form.toString();
}

describe("bodyLimitFor", () => {
  it("gives an upload page room for its file, with or without JavaScript", () => {
    for (const [page, file] of [
      ["/il-mio-piano", MAX_CERTIFICATE_BYTES],
      ["/gestione/eventi/e1/scheda", MAX_SHEET_FILE_BYTES],
      ["/formazione/incontri/s1/importa", MAX_REPORT_BYTES],
      // Two images, a logo and a signature, each as large as the page allows.
      ["/profilo/carta-intestata", 2 * LETTERHEAD_IMAGE_MAX_BYTES],
    ] as const) {
      expect(bodyLimitFor(page), page).toBeGreaterThan(file);
      expect(bodyLimitFor(`${page}.data`), `${page}.data`).toBe(bodyLimitFor(page));
    }
  });

  it("lets a session's register of the most participants it takes be saved, with or without JavaScript", () => {
    const full = registerBody(REGISTER_MAX_LINES);
    // 600 participants were over the ordinary limit: the page refused every save (413).
    expect(registerBody(600).length).toBeGreaterThan(FORM_BODY_LIMIT);
    // A thousand lines each with a note of 200 accented characters, as the register allows.
    const noted = registerBody(1000, "è arrivata in ritardo: ".repeat(9).slice(0, 200));
    for (const page of ["/formazione/incontri/s1", "/formazione/incontri/s1.data"]) {
      expect(bodyLimitFor(page), page).toBeGreaterThanOrEqual(full.length);
      expect(bodyLimitFor(page), page).toBeGreaterThanOrEqual(noted.length);
    }
  });

  it("lets an edition's activities form with every box ticked, as the page showed them, be saved", () => {
    // Encoded as the browser does (URLSearchParams: ":" is %3A), joined as strings: 200,000 fields appended to a
    // URLSearchParams one by one took seconds and timed out under a loaded machine.
    const fields = ["intent=save"];
    for (let a = 0; a < 20; a++) fields.push(`activity=${idOf(a)}`);
    for (let a = 0; a < 20; a++)
      for (let p = 0; p < 5000; p++) {
        // A box ticked when the page was loaded posts what the page showed ("was") next to the box itself.
        const box = encodeURIComponent(`${idOf(a)}:${idOf(p)}`);
        fields.push(`was=${box}`, `done=${box}`);
      }
    const body = fields.join("&");
    expect(body.slice(0, 120)).toBe(
      new URLSearchParams([["intent", "save"], ...Array.from({ length: 20 }, (_, a) => ["activity", idOf(a)])])
        .toString()
        .slice(0, 120),
    );
    expect(body).toContain(`&was=${idOf(0)}%3A${idOf(0)}&done=${idOf(0)}%3A${idOf(0)}&`);
    for (const page of ["/formazione/edizioni/e1", "/formazione/edizioni/e1.data"]) {
      expect(bodyLimitFor(page), page).toBeGreaterThanOrEqual(body.length);
    }
  });

  it("lets the largest event the form allows be saved, new or edited, with or without JavaScript", () => {
    // Conform's field names; every text at its longest, in characters that percent-encode to 9 bytes.
    const long = (n: number) => "’".repeat(n);
    const form = new URLSearchParams({ intent: "save", title: long(200), description: long(10_000) });
    for (const [name, value] of [
      ["type", "corso"],
      ["language", "it"],
      ["level", "nazionale"],
      ["mode", "misto"],
      ["venue", long(300)],
      ["onlineUrl", `https://example.org/${"a".repeat(470)}`],
      ["certifiedHours", "25"],
      ["basedOn", "f".repeat(64)],
    ]) {
      form.append(name!, value!);
    }
    for (let e = 0; e < MAX_EDITIONS_PER_EVENT; e++) {
      const edition = `editions[${e}]`;
      form.append(`${edition}.id`, idOf(e));
      form.append(`${edition}.startsOn`, "2027-03-01");
      form.append(`${edition}.endsOn`, "2027-06-30");
      form.append(`${edition}.seatCap`, "100000");
      form.append(`${edition}.enrolmentOpensAt`, "2027-01-01T09:00");
      form.append(`${edition}.enrolmentClosesAt`, "2027-02-28T23:59");
      for (let s = 0; s < MAX_SESSIONS_PER_EDITION; s++) {
        const session = `${edition}.sessions[${s}]`;
        form.append(`${session}.id`, idOf(e * 100 + s));
        form.append(`${session}.title`, long(200));
        form.append(`${session}.startsAt`, "2027-03-01T15:00");
        form.append(`${session}.endsAt`, "2027-03-01T18:00");
        form.append(`${session}.delivery`, "asincrona");
        form.append(`${session}.place`, "presenza");
        form.append(`${session}.hours`, "1,25");
        form.append(`${session}.required`, "on");
      }
    }
    const body = form.toString();
    // 300 sessions of ordinary titles were already refused (413) and, with JavaScript, the form was lost.
    expect(body.length).toBeGreaterThan(FORM_BODY_LIMIT);
    for (const page of [
      "/gestione/eventi/nuovo",
      "/gestione/eventi/nuovo.data",
      "/gestione/eventi/e1/modifica",
      "/gestione/eventi/e1/modifica.data",
    ]) {
      expect(bodyLimitFor(page), page).toBeGreaterThanOrEqual(body.length);
    }
    // The event's other pages keep the ordinary limit.
    for (const path of ["/gestione/eventi/e1", "/gestione/eventi/e1/copia", "/gestione/eventi/nuovo/x"]) {
      expect(bodyLimitFor(path), path).toBe(FORM_BODY_LIMIT);
    }
  });

  it("keeps every other form, and look-alike paths, to the ordinary limit", () => {
    for (const path of [
      "/accedi",
      "/accedi.data",
      "/il-mio-piano/x",
      "/il-mio-piano.pdf",
      "/il-mio-piano.data.data",
      "/formazione/incontri/s1/qr",
      "/formazione/edizioni/e1/chiusura",
    ]) {
      expect(bodyLimitFor(path), path).toBe(FORM_BODY_LIMIT);
    }
  });
});

describe("the README's reverse proxy example", () => {
  it("lets through Forma's largest body (nginx's client_max_body_size)", () => {
    // It said 6m while a sheet attachment may be 20 MB and an edition's activities 12.8 MB: nginx would answer 413.
    const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const size = /client_max_body_size (\d+)m;/.exec(readme);
    expect(size).not.toBeNull();
    expect(Number(size![1]) * 1024 * 1024).toBeGreaterThanOrEqual(largestBodyLimit());
  });
});

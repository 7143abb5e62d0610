// The body limit of each route: an upload page allows its file, whether the browser posts to the page
// itself (no JavaScript) or to its single-fetch twin "<path>.data" (JavaScript, Remix's <Form>).
import { describe, expect, it } from "vitest";
import { MAX_SHEET_FILE_BYTES } from "~/domain/event-sheet.ts";
import { LETTERHEAD_IMAGE_MAX_BYTES } from "~/domain/letterhead.ts";
import { MAX_CERTIFICATE_BYTES } from "~/domain/training-plan.ts";
import { MAX_REPORT_BYTES } from "~/domain/webinar-report.ts";
import { bodyLimitFor, FORM_BODY_LIMIT } from "./body-limit.server.ts";

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

  it("keeps every other form, and look-alike paths, to the ordinary limit", () => {
    for (const path of ["/accedi", "/accedi.data", "/il-mio-piano/x", "/il-mio-piano.pdf", "/il-mio-piano.data.data"]) {
      expect(bodyLimitFor(path), path).toBe(FORM_BODY_LIMIT);
    }
  });
});

import { describe, expect, it } from "vitest";
import { loggablePath, urlOnOrigin } from "./http-app.server.ts";

describe("loggablePath", () => {
  it("writes no token of an emailed link to the request log", () => {
    expect(loggablePath("/reimposta-password/abc")).toBe("/reimposta-password/:token");
    expect(loggablePath("/conferma-email/abc")).toBe("/conferma-email/:token");
    expect(loggablePath("/conferma-nuova-email/abc")).toBe("/conferma-nuova-email/:token");
    expect(loggablePath("/conferma-nuova-email/abc.data")).toBe("/conferma-nuova-email/:token");
    expect(loggablePath("/calendario/abc.ics")).toBe("/calendario/:token");
    // A reminder's unsubscribe link (ADR 0077) names the person and carries their signature.
    expect(loggablePath("/disiscrizione/promemoria.cm0user1.c2lnbmF0dXJl")).toBe("/disiscrizione/:token");
    expect(loggablePath("/disiscrizione/promemoria.cm0user1.c2lnbmF0dXJl.data")).toBe("/disiscrizione/:token");
    // A participant's attendance pass (the QR a trainer scans at the door) is theirs for the whole edition.
    expect(loggablePath("/formazione/presenza/cm0enrol1.bWFjbWFjbWFj")).toBe("/formazione/presenza/:token");
    expect(loggablePath("/formazione/incontri/cm0session1")).toBe("/formazione/incontri/cm0session1");
    expect(loggablePath("/eventi/abc")).toBe("/eventi/abc");
  });
});

describe("urlOnOrigin", () => {
  const origin = new URL("https://forma.example.it");
  it("keeps APP_ORIGIN whatever the request target says", () => {
    expect(urlOnOrigin(origin, "/eventi?q=coding")).toBe("https://forma.example.it/eventi?q=coding");
    // A path that begins like another site's address is a path on Forma, never a 500 or another origin.
    expect(urlOnOrigin(origin, "//evil.example/eventi")).toBe("https://forma.example.it//evil.example/eventi");
    expect(urlOnOrigin(origin, "//x:99999/eventi")).toBe("https://forma.example.it//x:99999/eventi");
    // An absolute-form target (a proxy's "GET http://host/path") keeps only its path and query.
    expect(urlOnOrigin(origin, "http://evil.example/eventi?page=2")).toBe("https://forma.example.it/eventi?page=2");
    expect(urlOnOrigin(origin, "*")).toBe("https://forma.example.it/*");
  });
});

import { describe, expect, it } from "vitest";
import { loggablePath } from "./http-app.server.ts";

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
    expect(loggablePath("/eventi/abc")).toBe("/eventi/abc");
  });
});

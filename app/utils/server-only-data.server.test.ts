import { describe, expect, it } from "vitest";
// Remix's own encoder of a document's loader data (the CommonJS build the server loads) and its decoder.
import { encodeViaTurboStream } from "@remix-run/server-runtime/dist/single-fetch.js";
import { ServerMode } from "@remix-run/server-runtime/dist/mode.js";
import { decode } from "turbo-stream";
import { rendersDocument, withServerOnlyKey } from "./server-only-data.server.ts";

/** What the browser gets of `loaderData` in a document: Remix's serialisation, decoded. */
async function overTheWire(loaderData: unknown): Promise<unknown> {
  const stream = encodeViaTurboStream({ loaderData }, new AbortController().signal, 1000, ServerMode.Production);
  const decoded = await decode(stream);
  await decoded.done;
  return (decoded.value as { loaderData: unknown }).loaderData;
}

describe("withServerOnlyKey (ADR 0052)", () => {
  const events = () => [{ id: "e1", title: "Seminario", startsAt: new Date("2026-12-02T09:00:00Z") }];

  it("leaves the key out of the serialised data and keeps it for the server's render", async () => {
    const data = withServerOnlyKey({ total: 1, listed: 1, events: events() }, "events", true);
    expect(data.events).toEqual(events());
    expect(await overTheWire({ route: data })).toEqual({ route: { total: 1, listed: 1 } });
  });

  it("changes nothing when the key is not server-only (a client navigation's data)", async () => {
    const data = withServerOnlyKey({ total: 1, listed: 1, events: events() }, "events", false);
    expect(await overTheWire({ route: data })).toEqual({ route: { total: 1, listed: 1, events: events() } });
  });

  it("knows a document only from Forma's HTTP app", () => {
    expect(rendersDocument({ forma: { databaseUnavailable: false, cspNonce: "", documentRequest: true } })).toBe(true);
    expect(rendersDocument({ forma: { databaseUnavailable: false, cspNonce: "", documentRequest: false } })).toBe(
      false,
    );
    expect(rendersDocument({ forma: { databaseUnavailable: false, cspNonce: "" } })).toBe(false);
    expect(rendersDocument({})).toBe(false);
  });
});

// patches/@remix-run+server-runtime+2.17.5.patch, single-fetch.js (ADR 0059): Remix's encoder of loader data
// makes its time-out (an AbortController, a listener on the request's signal and a 4.95 s timer) only when
// the data holds promises, which turbo-stream waits for; data without them (every Forma loader's) costs none
// of it. Encoded with the CommonJS build the server loads, decoded as the browser does.
import { getEventListeners } from "node:events";
import { encodeViaTurboStream } from "@remix-run/server-runtime/dist/single-fetch.js";
import { ServerMode } from "@remix-run/server-runtime/dist/mode.js";
import { decode } from "turbo-stream";
import { describe, expect, it } from "vitest";

async function decoded(stream: ReadableStream<Uint8Array>) {
  const result = await decode(stream);
  await result.done;
  return result.value as Record<string, unknown>;
}

describe("Remix's loader data encoder (time-out made only for deferred data)", () => {
  it("sends data without promises with no listener on the request's signal", async () => {
    const request = new AbortController();
    const stream = encodeViaTurboStream({ a: 1, when: new Date(0) }, request.signal, 50, ServerMode.Production);
    expect(await decoded(stream)).toEqual({ a: 1, when: new Date(0) });
    expect(getEventListeners(request.signal, "abort")).toHaveLength(0);
  });

  it("still times out a promise that does not settle", async () => {
    const request = new AbortController();
    const never = new Promise(() => {});
    const stream = encodeViaTurboStream({ a: 1, later: never }, request.signal, 50, ServerMode.Production);
    // Made at once, as upstream did: turbo-stream reads the signal as soon as it has flattened the data.
    expect(getEventListeners(request.signal, "abort")).toHaveLength(1);
    // The whole answer (Remix's client decodes the rejection with its own plugin): the promise rejected as
    // a sanitised error once the 50 ms have passed.
    const text = await new Response(stream).text();
    expect(text).toMatch(/^\[.*"later".*\]\nE\d+:.*"SanitizedError"/s);
  });

  it("sends a promise's value when it settles in time", async () => {
    const request = new AbortController();
    const stream = encodeViaTurboStream(
      { soon: new Promise((resolve) => setTimeout(() => resolve("ok"), 5)) },
      request.signal,
      1000,
      ServerMode.Production,
    );
    const value = await decode(stream);
    await expect((value.value as { soon: Promise<unknown> }).soon).resolves.toBe("ok");
    await value.done;
  });
});

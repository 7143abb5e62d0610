// The Fetch Request's URL and headers (app/utils/http-app.server.ts, ADR 0044) are built without a
// URL parse and a Headers object of their own; they must be what the parser and Headers gave before.
import { describe, expect, it } from "vitest";
import { requestHeaders, requestUrl } from "./http-app.server.ts";

const ORIGINS = [
  "http://localhost:3000",
  "https://forma.example.it",
  "https://forma.example.it/sotto/cartella/",
  "http://[::1]:8080",
  "https://forma.example.it:443",
  "https://utente:segreto@forma.example.it",
];
const PATHS = [
  "/",
  "/eventi/abc/iscrizione",
  "/eventi/abc/iscrizione?index",
  "/le-mie-iscrizioni?esito=a%20b&x=é",
  "/catalogo?q=caff%C3%A8+d'orzo&pagina=2",
  "/a/../b/./c",
  "/%2e%2e/x",
  "/a b",
  "/é",
  "/a\tb",
  "/?",
  "/#frammento",
  "/a\\b",
  "//evil.example/x",
  "/\\evil.example/x",
  "\\\\evil.example",
  "*",
  "",
  "eventi",
  "http://other.example/x",
];

/** The URL a Request given `url` ends up with (it parses it), or the error it throws. */
function fetchUrl(url: string): string {
  try {
    return new Request(url).url;
  } catch (error) {
    return `throws ${(error as Error).name}`;
  }
}

describe("the Fetch Request's URL", () => {
  it("is the path resolved against APP_ORIGIN, as the URL parser resolved it before", () => {
    for (const origin of ORIGINS.map((o) => new URL(o))) {
      for (const path of PATHS) {
        const asBefore = new URL(path, origin).href;
        expect(fetchUrl(requestUrl(path, origin)), `${path} on ${origin.href}`).toBe(fetchUrl(asBefore));
        // Joined as text only where the parser gives the same text back.
        expect(new URL(requestUrl(path, origin)).href, `${path} on ${origin.href}`).toBe(asBefore);
      }
    }
  });
});

describe("the Fetch Request's headers", () => {
  /** What the adapter built before: a Headers object, Host set to the origin's, X-Forwarded-Host removed. */
  function headersAsBefore(raw: Record<string, string | string[] | undefined>, origin: URL) {
    const headers = new Headers();
    for (const [key, values] of Object.entries(raw)) {
      if (!values) continue;
      if (Array.isArray(values)) for (const value of values) headers.append(key, value);
      else headers.set(key, values);
    }
    headers.set("host", origin.host);
    headers.delete("x-forwarded-host");
    return headers;
  }

  it("are the request's, with Host naming APP_ORIGIN and no X-Forwarded-Host", () => {
    const origin = new URL("https://forma.example.it");
    const raw = {
      host: "10.0.0.5:3000",
      "x-forwarded-host": "evil.example",
      "x-forwarded-for": "203.0.113.9",
      cookie: "forma_session=abc; lingua=it",
      "content-type": "application/x-www-form-urlencoded",
      "content-length": "42",
      "set-cookie": ["a=1", "b=2"],
      "x-empty": "",
      "x-undefined": undefined,
      "x-spaced": "  valore  ",
      accept: "text/html,application/xhtml+xml",
    };
    const url = "https://forma.example.it/eventi/abc/iscrizione";
    const now = new Request(url, { method: "POST", headers: requestHeaders(raw, origin) });
    const before = new Request(url, { method: "POST", headers: headersAsBefore(raw, origin) });
    expect([...now.headers]).toEqual([...before.headers]);
    expect(now.headers.get("host")).toBe("forma.example.it");
  });

  it("refuse a value the Headers would refuse", () => {
    const origin = new URL("https://forma.example.it");
    const raw = { "x-bad": "a\u0000b" };
    expect(() => new Request("https://forma.example.it/", { headers: requestHeaders(raw, origin) })).toThrow(TypeError);
    expect(() => headersAsBefore(raw, origin)).toThrow(TypeError);
  });
});

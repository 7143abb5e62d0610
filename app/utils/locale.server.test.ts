import { describe, expect, it } from "vitest";
import { getLocale, localeCookie } from "./locale.server.ts";

const request = (url: string, cookie?: string) =>
  new Request(url, { headers: cookie ? { Cookie: cookie } : undefined });

describe("getLocale", () => {
  it("takes the link's ?lang= first, then the language switch's cookie, then the account's preference", async () => {
    const english = await localeCookie.serialize("en");
    expect(await getLocale(request("http://forma.test/conferma-email/abc?lang=en"))).toBe("en");
    expect(await getLocale(request("http://forma.test/conferma-email/abc?lang=it", english), "en")).toBe("it");
    expect(await getLocale(request("http://forma.test/eventi", english), "it")).toBe("en");
    expect(await getLocale(request("http://forma.test/eventi"), "en")).toBe("en");
    expect(await getLocale(request("http://forma.test/eventi"))).toBe("it");
    // Anything else in ?lang= is ignored.
    expect(await getLocale(request("http://forma.test/eventi?lang=fr"), "en")).toBe("en");
    expect(await getLocale(request("http://forma.test/eventi?slang=en"))).toBe("it");
  });
});

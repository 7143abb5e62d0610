import { describe, expect, it } from "vitest";
import { getLocale, localeCookie, rememberLanguageOfLink } from "./locale.server.ts";

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

describe("rememberLanguageOfLink", () => {
  const cookieOf = async (setCookie: string | null) =>
    setCookie ? localeCookie.parse(setCookie.split(";")[0]!) : "(no Set-Cookie)";

  it("remembers the language a link names, so that the page's own links keep it", async () => {
    const english = await localeCookie.serialize("en");
    const italian = await localeCookie.serialize("it");
    expect(await cookieOf(await rememberLanguageOfLink("/reimposta-password/abc?lang=en", undefined))).toBe("en");
    expect(await cookieOf(await rememberLanguageOfLink("/eventi?q=x&lang=it", english))).toBe("it");
    expect(await cookieOf(await rememberLanguageOfLink("/eventi?lang=en", `a=1; ${italian}`))).toBe("en");
    // Already remembered: no Set-Cookie on every page of the link's address.
    expect(await rememberLanguageOfLink("/eventi?lang=en", english)).toBeNull();
    // No language, or not one of ours.
    expect(await rememberLanguageOfLink("/eventi", undefined)).toBeNull();
    expect(await rememberLanguageOfLink("/eventi?lang=fr", undefined)).toBeNull();
    expect(await rememberLanguageOfLink("/eventi?slang=en", undefined)).toBeNull();
  });

  it("sets the same cookie as the language switch: a year, HttpOnly, SameSite=Lax, for the whole site", async () => {
    const setCookie = (await rememberLanguageOfLink("/eventi?lang=en", undefined))!;
    expect(setCookie).toMatch(/^forma_lang=/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; Max-Age=31536000/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
  });
});

import { describe, expect, test } from "vitest";
import { cleanFormData, formFromKeptBody, readForm, rememberFormBody } from "./form-data.server.ts";
import { localeCookie } from "./locale.server.ts";
import { readUploadForm } from "./upload.server.ts";

describe("cleanFormData", () => {
  test("drops control characters from names and text values, and keeps files", () => {
    const form = new FormData();
    form.append("editionId", "abc\u0000def");
    form.append("no\u0001te", "ok");
    const file = new File(["\u0000binary"], "a.bin");
    form.append("file", file);
    const clean = cleanFormData(form);
    expect([...clean.entries()].map(([name, value]) => [name, typeof value === "string" ? value : "file"])).toEqual([
      ["editionId", "abcdef"],
      ["note", "ok"],
      ["file", "file"],
    ]);
    expect(form.get("editionId")).toBe("abc\u0000def");
  });
  test("gives the form itself back when it has nothing to drop", () => {
    const form = new FormData();
    form.append("editionId", "abc");
    form.append("answers.q1", "l’è già\nsì\tok");
    expect(cleanFormData(form)).toBe(form);
  });
  test("reads each line break as the one character the textarea's maxlength counted", () => {
    const form = new FormData();
    form.append("reason", "prima\r\nseconda\rterza\n\r\nquarta");
    expect(cleanFormData(form).get("reason")).toBe("prima\nseconda\nterza\n\nquarta");
    // A reason of 500 characters with three line breaks, as the browser accepted it and posts it.
    const typed = `${"a".repeat(165)}\n${"b".repeat(165)}\n${"c".repeat(165)}\n${"d".repeat(2)}`;
    expect(typed).toHaveLength(500);
    const posted = new FormData();
    posted.append("reason", typed.replace(/\n/g, "\r\n"));
    expect(cleanFormData(posted).get("reason")).toBe(typed);
  });
});

describe("readForm from the adapter's Buffer (ADR 0050)", () => {
  const bodies = [
    "editionId=abc&intent=enrol",
    "editionId=cmx5g9rr80002rk7dn9bwly1l",
    "a=1&a=2&b=&=c&d&&e=%3D%26",
    "answers.q1=l%E2%80%99%C3%A8+gi%C3%A0%0D%0As%C3%AC&x=%zz%&y=100%",
    "t=ciao+mondo%2B%20",
    "",
    "%C3%28=bad&v=%FF%FE",
    "\uFEFFbom=1",
    "k=\u00e8 gi\u00e0 l\u2019anno&n\u0001o=\u0000x",
    "redirectTo=%2Fle-mie-iscrizioni%3Fesito%3D1%23top",
  ];
  const byteBodies = [
    ...bodies.map((b) => Buffer.from(b)),
    Buffer.from([0x61, 0x3d, 0xc3, 0x28, 0xff, 0x26, 0x62, 0x3d, 0xe2, 0x82]),
  ];
  const types = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded;charset=UTF-8",
    "Application/X-WWW-Form-Urlencoded ; charset=latin1",
    " \tapplication/x-www-form-urlencoded",
  ];
  const entries = (form: FormData) => [...form.entries()].map(([name, value]) => [name, String(value)]);
  const requestOf = (body: Buffer, type: string) =>
    new Request("http://forma.test/eventi/e1/iscrizione", {
      method: "POST",
      headers: { "content-type": type },
      body: body as Uint8Array<ArrayBuffer>,
    });

  test("gives what request.formData() gives, for every body and urlencoded content type", async () => {
    for (const body of byteBodies) {
      for (const type of types) {
        const kept = requestOf(body, type);
        rememberFormBody(kept, body);
        const fast = formFromKeptBody(kept);
        expect(fast, `${type}: ${body.toString("hex")}`).not.toBeNull();
        const plain = await requestOf(body, type).formData();
        expect(entries(fast!), `${type}: ${body.toString("hex")}`).toEqual(entries(plain));
        // readForm itself: the same entries, control characters dropped as before.
        const viaReadForm = requestOf(body, type);
        rememberFormBody(viaReadForm, body);
        expect(entries(await readForm(viaReadForm))).toEqual(entries(await readForm(requestOf(body, type))));
      }
    }
  });

  test("a copy made with the request's body stream, as Remix's `.data` action request is, reads the Buffer (ADR 0064)", async () => {
    // What server-runtime's singleFetchAction builds around the adapter's Request (dist/single-fetch.js).
    const copyOf = (request: Request, url: string) =>
      new Request(url, {
        method: request.method,
        body: request.body,
        headers: request.headers,
        signal: request.signal,
        duplex: "half",
      } as RequestInit);
    for (const body of byteBodies) {
      const original = new Request("http://forma.test/eventi/e1/iscrizione.data?edizione=x", {
        method: "POST",
        headers: { "content-type": types[1]! },
        body: body as Uint8Array<ArrayBuffer>,
      });
      rememberFormBody(original, body);
      const copy = copyOf(original, "http://forma.test/eventi/e1/iscrizione?edizione=x");
      const fast = formFromKeptBody(copy);
      expect(fast, body.toString("hex")).not.toBeNull();
      expect(entries(fast!)).toEqual(entries(await requestOf(body, types[1]!).formData()));
    }
    // A copy given other bytes is not read from the Buffer.
    const body = Buffer.from("editionId=abc");
    const original = requestOf(body, types[0]!);
    rememberFormBody(original, body);
    const other = new Request("http://forma.test/x", {
      method: "POST",
      headers: original.headers,
      body: "editionId=other",
    });
    expect(formFromKeptBody(other)).toBeNull();
    expect(entries(await readForm(other))).toEqual([["editionId", "other"]]);
    // Once the shared stream has been read, neither finds the Buffer.
    const read = requestOf(body, types[0]!);
    rememberFormBody(read, body);
    const readCopy = copyOf(read, "http://forma.test/y");
    await readCopy.text();
    expect(formFromKeptBody(read)).toBeNull();
    expect(formFromKeptBody(readCopy)).toBeNull();
  });

  test("reads the stream as before when there is no Buffer, another type or a used body; an aborted request alike", async () => {
    const body = Buffer.from("editionId=abc");
    expect(formFromKeptBody(requestOf(body, types[0]!))).toBeNull();
    const multipart = requestOf(body, "multipart/form-data; boundary=x");
    rememberFormBody(multipart, body);
    expect(formFromKeptBody(multipart)).toBeNull();
    const oddType = requestOf(body, "\u00a0application/x-www-form-urlencoded");
    rememberFormBody(oddType, body);
    expect(formFromKeptBody(oddType)).toBeNull();
    const used = requestOf(body, types[0]!);
    rememberFormBody(used, body);
    await used.text();
    expect(formFromKeptBody(used)).toBeNull();
    await expect(readForm(used)).rejects.toMatchObject({ status: 400 });
    // An aborted request: whatever undici's formData() does with it, readForm does the same.
    const abortedRequest = () => {
      const controller = new AbortController();
      const request = new Request("http://forma.test/x", {
        method: "POST",
        headers: { "content-type": types[0]! },
        body,
        signal: controller.signal,
      });
      controller.abort();
      return request;
    };
    const outcome = (form: Promise<FormData>) =>
      form.then(entries, (error: unknown) => (error instanceof Response ? error.status : "thrown"));
    const aborted = abortedRequest();
    rememberFormBody(aborted, body);
    expect(await outcome(readForm(aborted))).toEqual(await outcome(readForm(abortedRequest())));
  });
});

describe("readForm's refusals", () => {
  const refusal = async (form: Promise<FormData>) => {
    const thrown = await form.then(
      () => null,
      (error: unknown) => error,
    );
    if (!(thrown instanceof Response)) throw new Error("expected a thrown Response");
    return { status: thrown.status, type: thrown.headers.get("Content-Type"), text: await thrown.text() };
  };
  const post = (url: string, type: string, body: string, cookie?: string) =>
    new Request(url, {
      method: "POST",
      headers: { "content-type": type, ...(cookie ? { cookie } : {}) },
      body,
    });
  const truncated = '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncancel';

  test("are in Italian for the Italian reader, as before", async () => {
    expect(await refusal(readForm(post("http://forma.test/lingua", "application/json", "{}")))).toEqual({
      status: 415,
      type: "text/plain; charset=utf-8",
      text: "La richiesta non contiene un modulo. Invia di nuovo il modulo dalla pagina.",
    });
    expect(
      await refusal(readForm(post("http://forma.test/lingua", "multipart/form-data; boundary=x", truncated))),
    ).toEqual({
      status: 400,
      type: "text/plain; charset=utf-8",
      text: "Il modulo inviato è incompleto o non leggibile. Invialo di nuovo dalla pagina.",
    });
  });

  test("are in English for the English reader: the link's ?lang=en or the language cookie (review of the English interface, 07/12/2026)", async () => {
    const cookie = await localeCookie.serialize("en");
    expect(await refusal(readForm(post("http://forma.test/lingua?lang=en", "text/plain", "x")))).toEqual({
      status: 415,
      type: "text/plain; charset=utf-8",
      text: "The request does not contain a form. Send the form again from its page.",
    });
    expect(
      await refusal(readForm(post("http://forma.test/lingua", "multipart/form-data; boundary=x", truncated, cookie))),
    ).toEqual({
      status: 400,
      type: "text/plain; charset=utf-8",
      text: "The form sent is incomplete or cannot be read. Send it again from its page.",
    });
    // A form with a file (readUploadForm) answers its 400 alike.
    expect(
      await refusal(
        readUploadForm(post("http://forma.test/x?lang=en", "multipart/form-data; boundary=x", truncated), 1024).then(
          (form) => (form === "too-large" ? new FormData() : form),
        ),
      ),
    ).toEqual({
      status: 400,
      type: "text/plain; charset=utf-8",
      text: "The form sent is incomplete or cannot be read. Send it again from its page.",
    });
  });
});

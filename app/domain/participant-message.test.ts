import { describe, expect, it } from "vitest";
import { isMessageAudience, messageContent, messageParagraphs, sameMessageContent } from "./participant-message.ts";

describe("participant messages", () => {
  it("splits the text into paragraphs at blank lines, keeping single line breaks", () => {
    expect(messageParagraphs("Primo\r\nriga due\r\n\r\n  \n Secondo  \n\n\n")).toEqual(["Primo\nriga due", "Secondo"]);
  });

  it("knows its audiences and refuses others", () => {
    expect(isMessageAudience("presenti")).toBe(true);
    expect(isMessageAudience("rimosso")).toBe(false);
  });

  it("reads a message's content as the server does, so a compose form equal to its preview is not told to preview again", () => {
    const previewed = { audience: "iscritti", sessionId: "", subject: "Oggetto", body: "Riga uno\n\nRiga due" };
    // What the browser holds: untrimmed, CR LF, a control character the server drops, a session chosen earlier.
    const compose = {
      audience: "iscritti",
      sessionId: "s1",
      subject: " Oggetto\u0007 ",
      body: "Riga uno\r\n\r\nRiga due\n",
    };
    expect(messageContent(compose)).toEqual(previewed);
    expect(sameMessageContent(previewed, compose)).toBe(true);
    // Any change of audience, session (for present/absent), subject or text is another message.
    expect(sameMessageContent(previewed, { ...compose, audience: "in-attesa" })).toBe(false);
    expect(sameMessageContent(previewed, { ...compose, body: "Riga uno\n\nRiga tre" })).toBe(false);
    expect(sameMessageContent(previewed, { ...compose, subject: "Oggetto!" })).toBe(false);
    const absent = { audience: "assenti", sessionId: "s1", subject: "Oggetto", body: "Testo" };
    expect(sameMessageContent(absent, { ...absent, sessionId: "s2" })).toBe(false);
    expect(sameMessageContent(absent, { ...absent, sessionId: undefined })).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { isMessageAudience, messageParagraphs } from "./participant-message.ts";

describe("participant messages", () => {
  it("splits the text into paragraphs at blank lines, keeping single line breaks", () => {
    expect(messageParagraphs("Primo\r\nriga due\r\n\r\n  \n Secondo  \n\n\n")).toEqual(["Primo\nriga due", "Secondo"]);
  });

  it("knows its audiences and refuses others", () => {
    expect(isMessageAudience("presenti")).toBe(true);
    expect(isMessageAudience("rimosso")).toBe(false);
  });
});

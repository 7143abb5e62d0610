import { describe, expect, it } from "vitest";
import { parseForm, verdictsOf } from "../../tests/support/intent-forms.ts";
import { failedIntentOf } from "./intent.ts";
import { sheetActionSchema } from "./event-sheet-form.ts";

const pdf = () => new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], "programma.pdf", { type: "application/pdf" });

describe("sheetActionSchema", () => {
  it("refuses an unknown or missing intent on `intent`", () => {
    expect(verdictsOf(sheetActionSchema, [{ intent: "publish", objectives: "x" }, { objectives: "x" }])).toEqual([
      null,
      null,
    ]);
    const unknown = parseForm(sheetActionSchema, { intent: "publish" });
    expect(unknown.status !== "success" && unknown.error?.intent).toEqual(["validation.invalidChoice"]);
  });

  it("parses each member", () => {
    const text = parseForm(sheetActionSchema, { intent: "text", objectives: " Obiettivi ", programme: "" });
    expect(text.status === "success" && text.value).toEqual({ intent: "text", objectives: "Obiettivi" });
    const file = parseForm(sheetActionSchema, { intent: "file", title: "Programma", sessionId: "", file: pdf() });
    expect(file.status === "success" && file.value).toMatchObject({
      intent: "file",
      title: "Programma",
      sessionId: null,
    });
    const link = parseForm(sheetActionSchema, {
      intent: "link",
      title: "Registrazione",
      sessionId: "s1",
      url: "https://video.example.it/1",
    });
    expect(link.status === "success" && link.value).toEqual({
      intent: "link",
      title: "Registrazione",
      sessionId: "s1",
      url: "https://video.example.it/1",
    });
    const remove = parseForm(sheetActionSchema, { intent: "remove", fileId: "f1", confirm: "yes" });
    expect(remove.status === "success" && remove.value).toEqual({ intent: "remove", fileId: "f1", confirm: "yes" });
    // Without the confirmation step's "yes", nothing is removed.
    const unconfirmed = parseForm(sheetActionSchema, { intent: "remove", fileId: "f1" });
    expect(unconfirmed.status !== "success" && unconfirmed.error).toEqual({ confirm: ["sheet.removeConfirmRequired"] });
  });

  it("keeps each member's own field rules", () => {
    const link = parseForm(sheetActionSchema, {
      intent: "link",
      title: "X",
      sessionId: "s1",
      url: "javascript:alert(1)",
    });
    expect(link.status).toBe("error");
    if (link.status !== "success") {
      expect(failedIntentOf(link)).toBe("link");
      expect(link.error).toEqual({ url: ["sheet.validation.url"] });
    }
    expect(
      verdictsOf(sheetActionSchema, [
        { intent: "file", title: "Vuoto", file: new File([], "vuoto.pdf") },
        { intent: "remove" },
        { intent: "text", objectives: "x".repeat(20_001) },
      ]),
    ).toEqual(["file", "remove", "text"]);
  });
});

import { describe, expect, test } from "vitest";
import { cleanFormData } from "./form-data.server.ts";

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
    form.append("answers.q1", "l’è già\r\nsì");
    expect(cleanFormData(form)).toBe(form);
  });
});

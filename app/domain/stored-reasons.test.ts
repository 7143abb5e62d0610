import { describe, expect, it } from "vitest";
import {
  CLOSED_REASON,
  isClosedAccountName,
  nameIn,
  OUTLIVED_REASON,
  reasonIn,
  REISSUE_REASON,
  WITHDRAWN_REASON,
  writtenNameIn,
} from "./stored-reasons.ts";

describe("reasons Forma stores in Italian", () => {
  it("are said in English to an English reader and unchanged to an Italian one", () => {
    expect(reasonIn(OUTLIVED_REASON, "en")).toBe("The edition ended");
    expect(reasonIn(WITHDRAWN_REASON, "en")).toBe("Application withdrawn");
    expect(reasonIn(CLOSED_REASON, "en")).toBe("Account closed");
    expect(reasonIn(REISSUE_REASON, "en")).toBe("Replaced by a new certificate");
    for (const r of [OUTLIVED_REASON, WITHDRAWN_REASON, CLOSED_REASON, REISSUE_REASON])
      expect(reasonIn(r, "it")).toBe(r);
  });

  it("leave a reason someone typed as written, and no reason as none", () => {
    expect(reasonIn("Aula non disponibile", "en")).toBe("Aula non disponibile");
    expect(reasonIn("toString", "en")).toBe("toString");
    expect(reasonIn(null, "en")).toBeNull();
  });
});

describe("a closed account's pseudonym, stored as its name (review of the English interface, 07/12/2026)", () => {
  const closed = { firstName: "Account chiuso", lastName: "3f9a2c", email: "chiuso-x@forma.invalid" };

  it("is said in English to an English reader, the rest of the person as it is", () => {
    expect(nameIn(closed, "en")).toEqual({ firstName: "Closed account", lastName: "3f9a2c", email: closed.email });
  });

  it("is unchanged to an Italian reader: the very same object", () => {
    expect(nameIn(closed, "it")).toBe(closed);
  });

  it("is told from a person's name by both parts: any other name is shown as written", () => {
    expect(isClosedAccountName(closed)).toBe(true);
    for (const person of [
      { firstName: "Maria", lastName: "Rossi" },
      { firstName: "Account chiuso", lastName: "Rossi" },
      { firstName: "Account chiuso", lastName: "3f9a2c7" },
      { firstName: "account chiuso", lastName: "3f9a2c" },
      { firstName: "Account", lastName: "chiuso" },
    ]) {
      expect(isClosedAccountName(person)).toBe(false);
      expect(nameIn(person, "en")).toBe(person);
    }
  });
});

describe("a closed account's pseudonym written as one text, as change logs keep names", () => {
  it("is said in English to an English reader and unchanged to an Italian one", () => {
    expect(writtenNameIn("Account chiuso 3f9a2c", "en")).toBe("Closed account 3f9a2c");
    expect(writtenNameIn("Account chiuso 3f9a2c", "it")).toBe("Account chiuso 3f9a2c");
  });

  it("leaves any other name as written", () => {
    for (const name of [
      "Maria Rossi",
      "Account chiuso Rossi",
      "Account chiuso 3f9a2c7",
      "Account chiuso",
      "",
      "account chiuso 3f9a2c",
    ])
      expect(writtenNameIn(name, "en")).toBe(name);
  });
});

import { describe, expect, it } from "vitest";
import { CLOSED_REASON, OUTLIVED_REASON, reasonIn, REISSUE_REASON, WITHDRAWN_REASON } from "./stored-reasons.ts";

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

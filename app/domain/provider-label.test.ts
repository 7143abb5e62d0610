import { describe, expect, it } from "vitest";
import { goneProvidersText, providerLabelIn, providerNameOf } from "./provider-label.ts";

describe("providerLabelIn", () => {
  it("gives an English reader the English label, and every reader the label when there is no English one", () => {
    const spid = { label: "Entra con SPID", labelEn: "Sign in with SPID" };
    expect(providerLabelIn(spid, "en")).toBe("Sign in with SPID");
    expect(providerLabelIn(spid, "it")).toBe("Entra con SPID");
    // A configuration of before (label only) keeps working: the one label, whatever the language.
    expect(providerLabelIn({ label: "Entra con CIE" }, "en")).toBe("Entra con CIE");
    expect(providerLabelIn({ label: "Entra con CIE" }, "it")).toBe("Entra con CIE");
    expect(providerLabelIn({ label: "EU Login", labelEn: "" }, "en")).toBe("EU Login");
  });
});

describe("providerNameOf", () => {
  it("keeps the two labels of a configured provider and nothing else of it (no secret reaches a payload)", () => {
    const config = { id: "spid", clientSecret: "segreto", label: "Entra con SPID", labelEn: "Sign in with SPID" };
    expect(providerNameOf(config)).toEqual({ label: "Entra con SPID", labelEn: "Sign in with SPID" });
    expect(providerNameOf({ label: "Entra con CIE" })).toEqual({ label: "Entra con CIE" });
  });
});

describe("goneProvidersText", () => {
  it("names removed providers as what they were, with their ids, in the reader's language", () => {
    expect(goneProvidersText(["spid-old"], "it")).toBe("un fornitore di identità che Forma non offre più (spid-old)");
    expect(goneProvidersText(["spid-old"], "en")).toBe("an identity provider Forma no longer offers (spid-old)");
    expect(goneProvidersText(["spid-old", "cie-old"], "it")).toBe(
      "fornitori di identità che Forma non offre più (spid-old, cie-old)",
    );
    expect(goneProvidersText(["spid-old", "cie-old"], "en")).toBe(
      "identity providers Forma no longer offers (spid-old, cie-old)",
    );
  });
});

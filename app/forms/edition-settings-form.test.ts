import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { editionSettingsFormSchema } from "./edition-settings-form.ts";

function parse(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return parseWithZod(fd, { schema: editionSettingsFormSchema });
}

describe("editionSettingsFormSchema", () => {
  it("reads the mode, the offer hours and the cut-off as Rome time; an empty cut-off is none", () => {
    const ok = parse({ promotionMode: "offerta", offerHours: "24", cancellationCutoffAt: "2027-03-01T09:00" });
    expect(ok.status).toBe("success");
    expect(ok.status === "success" && ok.value).toEqual({
      promotionMode: "offerta",
      offerHours: 24,
      cancellationCutoffAt: new Date("2027-03-01T08:00:00.000Z"),
    });
    const none = parse({ promotionMode: "automatica", offerHours: "48", cancellationCutoffAt: "" });
    expect(none.status === "success" && none.value.cancellationCutoffAt).toBeNull();
  });
  it("refuses hours outside 1..336 or not whole, an unknown mode and a malformed date", () => {
    // Number() would read "1e2" as 100 and "0x10" as 16: only digits are hours.
    for (const offerHours of ["0", "337", "2,5", "abc", "1e2", "0x10", " "]) {
      const r = parse({ promotionMode: "offerta", offerHours });
      expect(r.status === "error" && r.error?.offerHours).toEqual(["organiserEdition.error.offerHours"]);
    }
    expect(parse({ promotionMode: "sorteggio", offerHours: "24" }).status).toBe("error");
    const badDate = parse({ promotionMode: "offerta", offerHours: "24", cancellationCutoffAt: "domani" });
    expect(badDate.status === "error" && badDate.error?.cancellationCutoffAt).toEqual(["events.validation.dateTime"]);
  });
  it("refuses a cut-off in the hour Rome skips or lives twice instead of storing a shifted or guessed instant", () => {
    const skipped = parse({ promotionMode: "offerta", offerHours: "24", cancellationCutoffAt: "2027-03-28T02:30" });
    expect(skipped.status === "error" && skipped.error?.cancellationCutoffAt).toEqual([
      "events.validation.dateTimeNonexistent",
    ]);
    const twice = parse({ promotionMode: "offerta", offerHours: "24", cancellationCutoffAt: "2026-10-25T02:30" });
    expect(twice.status === "error" && twice.error?.cancellationCutoffAt).toEqual([
      "events.validation.dateTimeAmbiguous",
    ]);
  });
});

import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { certificateActionSchema, MAX_REVOKE_REASON_LENGTH, revokeCertificateSchema } from "./certificate-forms.ts";

function parse(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return parseWithZod(form, { schema: revokeCertificateSchema });
}

function reasonErrors(fields: Record<string, string>) {
  const s = parse(fields);
  return s.status === "error" ? s.error?.reason : undefined;
}

describe("revokeCertificateSchema", () => {
  it("keeps the trimmed reason", () => {
    const s = parse({ certificateId: "c1", reason: "  Errore nel registro " });
    expect(s.status).toBe("success");
    expect(s.status === "success" && s.value).toEqual({ certificateId: "c1", reason: "Errore nel registro" });
  });

  it("asks for a reason when it is empty or only spaces", () => {
    for (const reason of ["", "   "]) {
      expect(reasonErrors({ certificateId: "c1", reason })).toEqual(["certificates.error.reasonRequired"]);
    }
  });

  it("refuses a reason longer than the limit", () => {
    expect(parse({ certificateId: "c1", reason: "x".repeat(MAX_REVOKE_REASON_LENGTH) }).status).toBe("success");
    expect(reasonErrors({ certificateId: "c1", reason: "x".repeat(MAX_REVOKE_REASON_LENGTH + 1) })).toEqual([
      "validation.tooLong",
    ]);
  });
});

describe("certificateActionSchema", () => {
  const parseAction = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return parseWithZod(form, { schema: certificateActionSchema });
  };

  it("reissues only with the second step's confirmation (review 0018, trainer, finding 3)", () => {
    for (const confirm of [undefined, "no", ""]) {
      const s = parseAction({ intent: "reissue", certificateId: "c1", ...(confirm === undefined ? {} : { confirm }) });
      expect(s.status, String(confirm)).toBe("error");
      expect(s.status === "error" && s.error?.confirm).toEqual(["certificates.reissue.confirmRequired"]);
    }
    const confirmed = parseAction({ intent: "reissue", certificateId: "c1", confirm: "yes" });
    expect(confirmed.status === "success" && confirmed.value).toEqual({
      intent: "reissue",
      certificateId: "c1",
      confirm: "yes",
    });
  });
});

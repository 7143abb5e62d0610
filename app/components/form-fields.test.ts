import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validateWithZod } from "./form-fields.tsx";

const schema = z.object({ email: z.string({ required_error: "validation.required" }).email("validation.email") });
const formData = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

describe("validateWithZod", () => {
  it("checks a field when it loses focus by default, or only on submit, and again as it is typed", () => {
    expect(validateWithZod(schema)).toMatchObject({ shouldValidate: "onBlur", shouldRevalidate: "onInput" });
    expect(validateWithZod(schema, "onSubmit")).toMatchObject({
      shouldValidate: "onSubmit",
      shouldRevalidate: "onInput",
    });
  });

  it("validates in the browser with the action's own schema and messages", () => {
    const { onValidate } = validateWithZod(schema);
    const refused = onValidate({ formData: formData({ email: "non-un-indirizzo" }) });
    expect(refused.status).toBe("error");
    expect(refused.reply().error).toEqual({ email: ["validation.email"] });
    const missing = onValidate({ formData: formData({}) });
    expect(missing.reply().error).toEqual({ email: ["validation.required"] });
    const accepted = onValidate({ formData: formData({ email: "docente@scuola.it" }) });
    expect(accepted.status).toBe("success");
  });
});

// Building blocks for form schemas. Error messages are message keys (app/i18n/messages.ts),
// translated where they are shown.
import { z } from "zod";

export const requiredText = (max: number) =>
  z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, "validation.tooLong");

export const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values as unknown as [T[number], ...T[number][]], {
    errorMap: (issue, ctx) => {
      if (issue.code === "invalid_enum_value") return { message: "validation.invalidChoice" };
      if (issue.code === "invalid_type" && ctx.data === undefined) return { message: "validation.required" };
      if (issue.code === "invalid_type") return { message: "validation.invalidChoice" };
      return { message: ctx.defaultError };
    },
  });

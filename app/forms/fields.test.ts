import { describe, expect, test } from "vitest";
import { z } from "zod";
import { INT32_MAX, optionalWholeNumber, parseWholeNumber, requiredText, wholeNumber } from "./fields.ts";
import { seatCapFormSchema } from "./edition-forms.ts";

describe("whole numbers: one definition, the same bounds on both engines", () => {
  test.each(["1e308", "1e3", "-1", "1.5", "0x10", "NaN", "Infinity", " ", "", "12abc", "99999999999", "2147483648"])(
    "refuses %j",
    (text) => {
      expect(parseWholeNumber(text, 0, INT32_MAX)).toBeNull();
    },
  );

  test("accepts digits within the range, never above INT32_MAX whatever the maximum asked", () => {
    expect(parseWholeNumber(" 42 ", 1, 100)).toBe(42);
    expect(parseWholeNumber("2147483647", 0, Number.MAX_SAFE_INTEGER)).toBe(INT32_MAX);
    expect(parseWholeNumber("101", 1, 100)).toBeNull();
    expect(parseWholeNumber("0", 1, 100)).toBeNull();
  });

  test("schemas give the number, or the message key", () => {
    expect(wholeNumber(1, 10).safeParse("7")).toEqual({ success: true, data: 7 });
    expect(wholeNumber(1, 10, "x.msg").safeParse("1e308").error?.issues[0]?.message).toBe("x.msg");
    expect(optionalWholeNumber(1, 10).parse(undefined)).toBeNull();
    expect(optionalWholeNumber(1, 10).parse("")).toBeNull();
    expect(seatCapFormSchema.safeParse({ seatCap: "1e308" }).success).toBe(false);
    expect(seatCapFormSchema.safeParse({ seatCap: "99999999999" }).success).toBe(false);
    expect(seatCapFormSchema.parse({ seatCap: "30" })).toEqual({ seatCap: 30 });
  });
});

describe("text fields", () => {
  test("drop NUL and other control characters before validating", () => {
    const schema = z.object({ title: requiredText(10) });
    expect(schema.parse({ title: " a\u0000b\u0007c " })).toEqual({ title: "abc" });
    expect(schema.safeParse({ title: "\u0000\u0001" }).success).toBe(false);
  });
});

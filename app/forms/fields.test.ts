import { parseWithZod } from "@conform-to/zod";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { eventFormFields, toFormData } from "../../tests/support/event-form-fields.ts";
import { it as messages } from "~/i18n/messages.ts";
import { signupFormSchema } from "./account-forms.ts";
import { eventFormSchema, eventPageActionSchema } from "./event-form.ts";
import { inFormYears, INT32_MAX, optionalWholeNumber, parseWholeNumber, requiredText, wholeNumber } from "./fields.ts";
import { seatCapFormSchema } from "./edition-forms.ts";
import { eventCopyFormSchema } from "./event-copy-form.ts";
import { parseRomeDateTime } from "~/utils/dates.ts";

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

describe("form years: a date's year is its year in Rome, where it was typed", () => {
  const rome = (value: string) => parseRomeDateTime(value)!;

  test("the first minutes of 2000 in Rome are inside, though still 1999 in UTC", () => {
    expect(rome("2000-01-01T00:00").toISOString()).toBe("1999-12-31T23:00:00.000Z");
    expect(inFormYears(rome("2000-01-01T00:00"))).toBe(true);
    expect(eventCopyFormSchema.safeParse({ intent: "copy", startsOn: "2000-01-01" }).success).toBe(true);
  });

  test("the first minutes of 2101 in Rome are outside, though still 2100 in UTC", () => {
    expect(rome("2101-01-01T00:30").toISOString()).toBe("2100-12-31T23:30:00.000Z");
    expect(inFormYears(rome("2101-01-01T00:30"))).toBe(false);
    expect(inFormYears(rome("2100-12-31T23:59"))).toBe(true);
    expect(inFormYears(rome("1999-12-31T23:59"))).toBe(false);
  });
});

describe("text fields", () => {
  test("drop NUL and other control characters before validating", () => {
    const schema = z.object({ title: requiredText(10) });
    expect(schema.parse({ title: " a\u0000b\u0007c " })).toEqual({ title: "abc" });
    expect(schema.safeParse({ title: "\u0000\u0001" }).success).toBe(false);
  });
});

describe("formErrorMap: a field's error is always a message the pages translate", () => {
  const keys = new Set(Object.keys(messages));
  /** The error messages of a parse (none when it succeeded). */
  const messagesOf = (
    submission: { status?: string } & ({ error?: Record<string, string[] | null> | null } | object),
  ) => Object.values(("error" in submission ? submission.error : null) ?? {}).flatMap((list) => list ?? []);

  test("a field posted twice, an empty id or a missing field gives message keys, never Zod's English", () => {
    const form = toFormData(eventFormFields({ certifiedHours: ["4,5", "2"], title: ["Uno", "Due"] }));
    const event = parseWithZod(form, { schema: eventFormSchema });
    expect(event.status).toBe("error");
    expect(messagesOf(event)).toContain("validation.invalidValue");

    const assign = parseWithZod(formWith({ intent: "assign-trainer", userId: "" }), { schema: eventPageActionSchema });
    const unassign = parseWithZod(formWith({ intent: "unassign-trainer", userId: "" }), {
      schema: eventPageActionSchema,
    });
    const signup = parseWithZod(formWith({ email: ["a@scuola.it", "b@scuola.it"], firstName: "Anna" }), {
      schema: signupFormSchema,
    });
    for (const submission of [event, assign, unassign, signup]) {
      const all = messagesOf(submission);
      expect(all.length).toBeGreaterThan(0);
      for (const message of all) expect(keys, message).toContain(message);
    }
  });

  test("a schema's own message still wins", () => {
    expect(requiredText(3).safeParse("abcd").error?.issues[0]?.message).toBe("validation.tooLong");
    expect(z.string().min(5).safeParse("ab").error?.issues[0]?.message).toBe("validation.invalidValue");
    expect(z.string({ required_error: "x.own" }).safeParse(undefined).error?.issues[0]?.message).toBe("x.own");
  });
});

function formWith(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  return form;
}

import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { eventFormFields, toFormData, type EventFormFields } from "../../tests/support/event-form-fields.ts";
import { parseForm, verdictsOf } from "../../tests/support/intent-forms.ts";
import {
  eventFormSchema,
  eventPageActionSchema,
  eventToFormValues,
  type EditionInput,
  type EventSubmission,
} from "./event-form.ts";
import { failedIntentOf } from "./intent.ts";

/** The shared fixture, with one theme and the hours of the second session written with a dot. */
function formData(overrides: EventFormFields = {}): FormData {
  return toFormData(
    eventFormFields({ themes: ["competenze-digitali"], "editions[0].sessions[1].hours": "2.5", ...overrides }),
  );
}

const parse = (overrides: Record<string, string | string[] | null> = {}) =>
  parseWithZod(formData(overrides), { schema: eventFormSchema });

function errorsOf(overrides: Record<string, string | string[] | null>) {
  const s = parse(overrides);
  expect(s.status).toBe("error");
  return (s.status === "error" ? s.error : null) ?? ({} as Record<string, string[] | null>);
}

/** The parsed editions, none of them sent locked (a locked one carries only its id and cap). */
function open(v: EventSubmission): EditionInput[] {
  return v.editions.map((e) => {
    if ("scheduleLocked" in e) throw new Error("a locked edition where an open one was expected");
    return e;
  });
}

describe("eventFormSchema", () => {
  it("parses a complete event into minutes and Europe/Rome instants", () => {
    const s = parse();
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    const v = s.value;
    expect(v.certifiedMinutes).toBe(270);
    expect(v.regionCode).toBe("toscana");
    const e = open(v)[0]!;
    expect(e.seatCap).toBe(30);
    expect(e.startsOn.toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(e.endsOn.toISOString()).toBe("2026-12-10T22:59:59.999Z");
    expect(e.sessions[0]!.startsAt.toISOString()).toBe("2026-12-01T14:00:00.000Z");
    expect(e.sessions.map((x) => x.minutes)).toEqual([120, 150]);
  });

  it("keeps the one-line texts on one line: a line break a crafted form sends is one space (a hostile review)", () => {
    const s = parse({
      title: "Coding in classe\r\nBEGIN:VEVENT",
      venue: "IIS Leonardo da Vinci\n Firenze",
      "editions[0].sessions[1].title": "Attività\restiva",
    });
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value.title).toBe("Coding in classe BEGIN:VEVENT");
    expect(s.value.venue).toBe("IIS Leonardo da Vinci Firenze");
    expect(open(s.value)[0]!.sessions[1]!.title).toBe("Attività estiva");
  });

  it("removes invisible characters from the texts the PDFs print, and refuses the characters they cannot print", () => {
    // Emoji, arrows and check marks printed as "�" on every certificate, register and plan (review 0017); a
    // zero-width space pasted from a web page printed as "�" too, a soft hyphen from Word as a visible "-".
    const s = parse({
      title: "Coding in classe:\u200b dalla teoria alla pratica \u2265 for\u00admazione",
      venue: "\ufeffIIS Leonardo da Vinci,\u2060 Firenze",
      "editions[0].sessions[1].title": "Attività\u200d estiva",
    });
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value.title).toBe("Coding in classe: dalla teoria alla pratica \u2265 formazione");
    expect(s.value.venue).toBe("IIS Leonardo da Vinci, Firenze");
    expect(open(s.value)[0]!.sessions[1]!.title).toBe("Attività estiva");

    const errors = errorsOf({
      title: "Robotica educativa 🤖 → dalla teoria alla pratica",
      venue: "Aula ✓ 3",
      "editions[0].sessions[1].title": "Attività ★",
    });
    expect(errors.title).toEqual(["validation.unprintable"]);
    expect(errors.venue).toEqual(["validation.unprintable"]);
    expect(errors["editions[0].sessions[1].title"]).toEqual(["validation.unprintable"]);
    // The description is no PDF's: it keeps what was typed.
    expect(parse({ description: "Un percorso 🤖 → pratico" }).status).toBe("success");
  });

  it("refuses dates outside the years Forma lists (a year typed short, a five-digit one cut to 9999)", () => {
    for (const year of ["0026", "1999", "2101", "9999"]) {
      const errors = errorsOf({
        "editions[0].startsOn": `${year}-12-01`,
        "editions[0].sessions[0].startsAt": `${year}-12-01T15:00`,
        "editions[0].enrolmentClosesAt": `${year}-11-28T23:59`,
      });
      expect(errors["editions[0].startsOn"], year).toEqual(["events.validation.date"]);
      expect(errors["editions[0].sessions[0].startsAt"], year).toEqual(["events.validation.dateTime"]);
      expect(errors["editions[0].enrolmentClosesAt"], year).toEqual(["events.validation.dateTime"]);
    }
  });

  it("refuses a session or deadline in the hour Rome skips or lives twice, with its own message", () => {
    // 28/03/2027 02:30 does not exist (summer time starts); 31/10/2027 02:30 happens twice (it ends).
    const errors = errorsOf({
      "editions[0].startsOn": "2027-03-20",
      "editions[0].endsOn": "2027-11-10",
      "editions[0].enrolmentOpensAt": "2027-03-01T09:00",
      "editions[0].enrolmentClosesAt": "2027-03-28T02:30",
      "editions[0].sessions[0].startsAt": "2027-10-31T02:30",
      "editions[0].sessions[0].endsAt": "2027-10-31T04:30",
    });
    expect(errors["editions[0].enrolmentClosesAt"]).toEqual(["events.validation.dateTimeNonexistent"]);
    expect(errors["editions[0].sessions[0].startsAt"]).toEqual(["events.validation.dateTimeAmbiguous"]);
    expect(errors["editions[0].sessions[0].endsAt"]).toBeUndefined();
  });

  it("keeps the languages of the title and of the description apart from the one the event is held in", () => {
    const s = parse({ language: "en", titleLanguage: "en", textLanguage: "it" });
    expect(s.status === "success" && [s.value.language, s.value.titleLanguage, s.value.textLanguage]).toEqual([
      "en",
      "en",
      "it",
    ]);
    expect(errorsOf({ titleLanguage: "xx" }).titleLanguage).toEqual(["validation.invalidChoice"]);
    expect(errorsOf({ textLanguage: null }).textLanguage).toEqual(["validation.required"]);
  });

  it("reads an empty seat cap as no cap, and refuses zero or fractions", () => {
    const s = parse({ "editions[0].seatCap": "" });
    expect(s.status === "success" && open(s.value)[0]!.seatCap).toBeNull();
    expect(errorsOf({ "editions[0].seatCap": "0" })["editions[0].seatCap"]).toEqual(["events.validation.seatCap"]);
    expect(errorsOf({ "editions[0].seatCap": "2,5" })["editions[0].seatCap"]).toEqual(["events.validation.seatCap"]);
  });

  it("asks for a title for an asynchronous activity (its only name), not for a live session", () => {
    expect(errorsOf({ "editions[0].sessions[1].title": "" })["editions[0].sessions[1].title"]).toEqual([
      "events.validation.activityTitleRequired",
    ]);
    expect(parse({ "editions[0].sessions[0].title": "" }).status).toBe("success");
  });

  it("puts a session's bad end at that session's path", () => {
    const errors = errorsOf({ "editions[0].sessions[1].endsAt": "2026-12-02T08:00" });
    expect(errors["editions[0].sessions[1].endsAt"]).toEqual(["events.validation.sessionEndBeforeStart"]);
  });

  it("says when the sessions' hours do not add up to the certified hours", () => {
    const errors = errorsOf({ certifiedHours: "25" });
    expect(errors["editions[0].sessions"]).toEqual(["events.validation.hoursDoNotAddUp"]);
  });

  it("still checks the other editions' sums when one edition has a malformed field", () => {
    const errors = errorsOf({
      "editions[1].startsOn": "2027-01-10",
      "editions[1].endsOn": "2027-01-10",
      "editions[1].enrolmentOpensAt": "2026-12-01T09:00",
      "editions[1].enrolmentClosesAt": "2027-01-05T09:00",
      "editions[1].sessions[0].startsAt": "2027-01-10T15:00",
      "editions[1].sessions[0].endsAt": "2027-01-10T16:00",
      "editions[1].sessions[0].delivery": "sincrona",
      "editions[1].sessions[0].hours": "1",
      "editions[0].seatCap": "zero",
    });
    expect(errors["editions[0].seatCap"]).toEqual(["events.validation.seatCap"]);
    expect(errors["editions[1].sessions"]).toEqual(["events.validation.hoursDoNotAddUp"]);
  });

  it("says what is wrong with the dates and the place even while other fields are still empty", () => {
    // A rule on the whole event would wait for the title and the hours before saying any of this.
    const errors = errorsOf({
      title: null,
      description: null,
      certifiedHours: null,
      "editions[0].sessions[1].endsAt": "2026-12-02T08:00",
      regionCode: null,
    });
    expect(errors.title).toBeDefined();
    expect(errors.certifiedHours).toBeDefined();
    expect(errors["editions[0].sessions[1].endsAt"]).toEqual(["events.validation.sessionEndBeforeStart"]);
    expect(errors.regionCode).toEqual(["events.validation.regionRequired"]);
    // The sessions' sum needs the certified hours: it is checked once they are there.
    expect(errorsOf({ title: null, certifiedHours: "25" })["editions[0].sessions"]).toEqual([
      "events.validation.hoursDoNotAddUp",
    ]);
  });

  it("refuses a live session certifying more hours than it lasts", () => {
    const errors = errorsOf({ "editions[0].sessions[0].hours": "3", "editions[0].sessions[1].hours": "1,5" });
    expect(errors["editions[0].sessions[0].hours"]).toEqual(["events.validation.sessionHoursExceedDuration"]);
  });

  it("applies the region and venue rules at their fields", () => {
    expect(errorsOf({ regionCode: null }).regionCode).toEqual(["events.validation.regionRequired"]);
    expect(errorsOf({ level: "nazionale" }).regionCode).toEqual(["events.validation.regionForbidden"]);
    expect(errorsOf({ venue: null }).venue).toEqual(["events.validation.venueRequired"]);
    expect(errorsOf({ mode: "online", onlineUrl: null }).onlineUrl).toEqual(["events.validation.onlineUrlRequired"]);
    expect(errorsOf({ onlineUrl: "javascript:alert(1)" }).onlineUrl).toEqual(["events.validation.url"]);
  });

  it("drops the venue of an online event and the region flag of a national one", () => {
    const s = parse({ mode: "online", level: "nazionale", regionCode: null, openToAllRegions: "on" });
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value.venue).toBeNull();
    expect(s.value.openToAllRegions).toBe(false);
  });

  it("needs audiences and one to five themes", () => {
    expect(errorsOf({ schoolLevels: null }).schoolLevels).toEqual(["events.validation.schoolLevelsRequired"]);
    expect(errorsOf({ audienceRoles: null }).audienceRoles).toEqual(["events.validation.audienceRolesRequired"]);
    expect(errorsOf({ themes: null }).themes).toEqual(["events.validation.themesRequired"]);
    const six = [
      "didattica-metodologie",
      "inclusione",
      "lingue-straniere",
      "gestione-classe",
      "competenze-digitali",
      "cittadinanza-globale",
    ];
    expect(errorsOf({ themes: six }).themes).toEqual(["events.validation.tooManyThemes"]);
  });

  it("checks the enrolment window against the edition", () => {
    expect(errorsOf({ "editions[0].enrolmentClosesAt": "2026-12-11T09:00" })["editions[0].enrolmentClosesAt"]).toEqual([
      "events.validation.enrolmentClosesAfterEdition",
    ]);
    expect(errorsOf({ "editions[0].enrolmentClosesAt": "2026-10-01T09:00" })["editions[0].enrolmentClosesAt"]).toEqual([
      "events.validation.enrolmentClosesBeforeOpens",
    ]);
  });

  it("reads the completion rule: a whole percent from 1 to 100, 75 when left empty", () => {
    const s = parse();
    expect(s.status === "success" && s.value.completionPercent).toBe(80);
    const empty = parse({ completionPercent: "" });
    expect(empty.status === "success" && empty.value.completionPercent).toBe(75);
    const missing = parse({ completionPercent: null });
    expect(missing.status === "success" && missing.value.completionPercent).toBe(75);
    for (const bad of ["0", "101", "75,5", "-5", "abc", "1000"]) {
      expect(errorsOf({ completionPercent: bad }).completionPercent).toEqual(["events.validation.completionPercent"]);
    }
    const edges = [parse({ completionPercent: "1" }), parse({ completionPercent: "100" })];
    expect(edges.map((e) => e.status === "success" && e.value.completionPercent)).toEqual([1, 100]);
  });

  it("keeps the required flag only on asynchronous activities", () => {
    const s = parse({ "editions[0].sessions[0].required": "on" });
    expect(s.status === "success" && open(s.value)[0]!.sessions.map((x) => x.required)).toEqual([false, true]);
    const none = parse({ "editions[0].sessions[1].required": null });
    expect(none.status === "success" && open(none.value)[0]!.sessions.map((x) => x.required)).toEqual([false, false]);
  });

  it("reads a locked edition (cancelled, or certified) as its id and cap only: its schedule is not validated", () => {
    // The second edition is locked: the page sends its id, cap and marker, and nothing of its schedule.
    const s = parse({
      "editions[1].id": "ed-locked",
      "editions[1].seatCap": "12",
      "editions[1].scheduleLocked": "on",
      // Even were a stored time in the hour Rome lives twice sent along, it is not read.
      "editions[1].sessions[0].startsAt": "2026-10-25T02:30",
    });
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value.editions[1]).toEqual({ id: "ed-locked", scheduleLocked: true, seatCap: 12 });
    expect(open({ ...s.value, editions: [s.value.editions[0]!] })[0]!.seatCap).toBe(30);
    // The open edition beside it is still checked field by field.
    const errors = errorsOf({
      "editions[0].sessions[0].startsAt": "2026-10-25T02:30",
      "editions[1].id": "ed-locked",
      "editions[1].scheduleLocked": "on",
    });
    expect(errors["editions[0].sessions[0].startsAt"]).toEqual(["events.validation.dateTimeAmbiguous"]);
    expect(Object.keys(errors).filter((k) => k.startsWith("editions[1]"))).toEqual([]);
  });

  it("round-trips a stored event through the form's values", () => {
    const s = parse();
    if (s.status !== "success") throw new Error("fixture should be valid");
    const v = s.value;
    const stored = {
      ...v,
      schoolLevels: v.schoolLevels.map((schoolLevel) => ({ schoolLevel })),
      audienceRoles: v.audienceRoles.map((role) => ({ role })),
      themes: v.themes.map((theme) => ({ theme })),
      editions: open(v).map((e, i) => ({
        ...e,
        id: `ed${i}`,
        sessions: e.sessions.map((x, j) => ({ ...x, id: `s${j}` })),
      })),
    };
    const again = eventFormSchema.safeParse(eventToFormValues(stored, "it"));
    expect(again.success).toBe(true);
    if (!again.success) return;
    expect(again.data.editions[0]!.id).toBe("ed0");
    expect(open(again.data)[0]!.endsOn).toEqual(open(v)[0]!.endsOn);
    expect(again.data.certifiedMinutes).toBe(270);
    expect(again.data.completionPercent).toBe(80);
    expect(open(again.data)[0]!.sessions.map((x) => x.required)).toEqual([false, true]);
  });
});

describe("eventPageActionSchema", () => {
  it("refuses an unknown or missing intent", () => {
    expect(verdictsOf(eventPageActionSchema, [{ intent: "delete", to: "bozza" }, { to: "pubblicato" }])).toEqual([
      null,
      null,
    ]);
  });

  it("parses each member", () => {
    const forms: Record<string, string>[] = [
      { intent: "status", to: "pubblicato", confirm: "yes" },
      { intent: "cancel", reason: "Formatore indisponibile", confirm: "yes" },
      { intent: "assign-trainer", userId: "u1" },
      { intent: "unassign-trainer", userId: "u1" },
    ];
    expect(verdictsOf(eventPageActionSchema, forms)).toEqual(["success", "success", "success", "success"]);
    const cancel = parseForm(eventPageActionSchema, forms[1]!);
    expect(cancel.status === "success" && cancel.value).toEqual({
      intent: "cancel",
      reason: "Formatore indisponibile",
      confirm: "yes",
    });
  });

  it("refuses publishing without the confirmation of its second step, saying so", () => {
    const oneClick = parseForm(eventPageActionSchema, { intent: "status", to: "pubblicato" });
    expect(oneClick.status).toBe("error");
    if (oneClick.status !== "success") {
      expect(failedIntentOf(oneClick)).toBe("status");
      expect(oneClick.error?.confirm).toEqual(["events.admin.publish.confirmRequired"]);
    }
    expect(verdictsOf(eventPageActionSchema, [{ intent: "status", to: "pubblicato", confirm: "no" }])).toEqual([
      "status",
    ]);
  });

  it("says the cancel step failed (the page keeps it open with the reason typed)", () => {
    const steps: Record<string, string>[] = [
      { intent: "cancel", reason: "Formatore indisponibile" },
      { intent: "cancel", confirm: "yes" },
    ];
    for (const fields of steps) {
      const submission = parseForm(eventPageActionSchema, fields);
      expect(submission.status).toBe("error");
      if (submission.status !== "success") {
        expect(failedIntentOf(submission)).toBe("cancel");
        expect(submission.payload.reason).toBe(fields.reason);
      }
    }
    expect(
      verdictsOf(eventPageActionSchema, [{ intent: "status", to: "archiviato" }, { intent: "assign-trainer" }]),
    ).toEqual(["status", "assign-trainer"]);
  });
});

import { describe, expect, it } from "vitest";
import {
  CHECK_IN_OPENS_MINUTES_BEFORE,
  CHECK_IN_SLOT_SECONDS,
  checkInMark,
  checkInWindow,
  currentCheckInCode,
  hasCheckIn,
  makeCheckInCode,
  slotOf,
  verifyCheckInCode,
  CHECK_IN_GRACE_SLOTS,
  windowState,
  makeAttendancePass,
  passEnrolmentId,
  verifyAttendancePass,
} from "./check-in.ts";

const key = new Uint8Array(32).fill(7);
const otherKey = new Uint8Array(32).fill(8);
const session = { id: "sess-a", startsAt: new Date("2026-11-23T14:00:00Z"), endsAt: new Date("2026-11-23T17:00:00Z") };
const other = { ...session, id: "sess-b" };
const at = (iso: string) => new Date(iso);
const minute = CHECK_IN_SLOT_SECONDS * 1000;

function codeAt(now: Date, s = session) {
  const c = currentCheckInCode(key, s, now);
  if (!c.ok) throw new Error("window should be open");
  return c.code;
}

describe("check-in window", () => {
  it("opens 30 minutes before the start and closes at the end", () => {
    expect(CHECK_IN_OPENS_MINUTES_BEFORE).toBe(30);
    expect(checkInWindow(session)).toEqual({
      opensAt: at("2026-11-23T13:30:00Z"),
      closesAt: at("2026-11-23T17:00:00Z"),
    });
    expect(windowState(session, at("2026-11-23T13:29:59.999Z"))).toBe("prima");
    expect(windowState(session, at("2026-11-23T13:30:00Z"))).toBe("aperto");
    expect(windowState(session, at("2026-11-23T16:59:59.999Z"))).toBe("aperto");
    expect(windowState(session, at("2026-11-23T17:00:00Z"))).toBe("chiuso");
  });

  it("gives no code outside the window", () => {
    expect(currentCheckInCode(key, session, at("2026-11-23T13:29:00Z"))).toMatchObject({ ok: false, reason: "prima" });
    expect(currentCheckInCode(key, session, at("2026-11-23T17:00:00Z"))).toMatchObject({ ok: false, reason: "chiuso" });
  });

  it("applies only to live sessions of in-person or blended events", () => {
    expect(hasCheckIn({ delivery: "sincrona", place: null }, { mode: "in-presenza" })).toBe(true);
    expect(hasCheckIn({ delivery: "sincrona", place: null }, { mode: "blended" })).toBe(true);
    expect(hasCheckIn({ delivery: "sincrona", place: null }, { mode: "online" })).toBe(false);
    expect(hasCheckIn({ delivery: "asincrona", place: null }, { mode: "in-presenza" })).toBe(false);
  });

  it("applies to a blended event's live session held in person or in both places, not to one held online (ADR 0091)", () => {
    expect(hasCheckIn({ delivery: "sincrona", place: "in-presenza" }, { mode: "blended" })).toBe(true);
    expect(hasCheckIn({ delivery: "sincrona", place: "online" }, { mode: "blended" })).toBe(false);
    // A place left over on another mode's session means nothing: the event's mode decides.
    expect(hasCheckIn({ delivery: "sincrona", place: "online" }, { mode: "in-presenza" })).toBe(true);
    expect(hasCheckIn({ delivery: "sincrona", place: "in-presenza" }, { mode: "online" })).toBe(false);
  });
});

describe("check-in codes", () => {
  const now = at("2026-11-23T15:00:10Z");

  it("accepts the current code, and an older one for the grace period (a teacher who pauses before confirming)", () => {
    const code = codeAt(now);
    expect(verifyCheckInCode(key, session, code, now)).toEqual({ ok: true });
    expect(verifyCheckInCode(key, session, code, new Date(now.getTime() + minute))).toEqual({ ok: true });
    // Two minutes later (the case in the issue) and up to CHECK_IN_GRACE_SLOTS slots later: still accepted.
    expect(verifyCheckInCode(key, session, code, new Date(now.getTime() + 2 * minute))).toEqual({ ok: true });
    expect(verifyCheckInCode(key, session, code, new Date(now.getTime() + CHECK_IN_GRACE_SLOTS * minute))).toEqual({
      ok: true,
    });
    expect(
      verifyCheckInCode(key, session, code, new Date(now.getTime() + (CHECK_IN_GRACE_SLOTS + 1) * minute)),
    ).toEqual({
      ok: false,
      reason: "scaduto",
    });
  });

  it("says until when the shown code is accepted, never past the window", () => {
    const c = currentCheckInCode(key, session, now);
    expect(c).toMatchObject({ ok: true, expiresAt: new Date((slotOf(now) + 1 + CHECK_IN_GRACE_SLOTS) * minute) });
    const late = currentCheckInCode(key, session, at("2026-11-23T16:59:30Z"));
    expect(late).toMatchObject({ ok: true, expiresAt: session.endsAt });
  });

  it("changes every slot and differs between sessions", () => {
    const next = new Date(now.getTime() + minute);
    expect(codeAt(next)).not.toBe(codeAt(now));
    expect(codeAt(now, other)).not.toBe(codeAt(now));
  });

  it("refuses a code of another session, or made with another key", () => {
    expect(verifyCheckInCode(key, session, codeAt(now, other), now)).toEqual({ ok: false, reason: "non-valido" });
    const foreign = makeCheckInCode(otherKey, session.id, slotOf(now));
    expect(verifyCheckInCode(key, session, foreign, now)).toEqual({ ok: false, reason: "non-valido" });
  });

  it("refuses a code altered by one character, anywhere in it", () => {
    const code = codeAt(now);
    for (let i = 0; i < code.length; i++) {
      const c = code[i]!;
      const replacement = c === "A" ? "B" : c === "0" ? "1" : c === "." ? "-" : "A";
      const altered = code.slice(0, i) + replacement + code.slice(i + 1);
      expect(verifyCheckInCode(key, session, altered, now), altered).toEqual({ ok: false, reason: "non-valido" });
    }
  });

  it("refuses malformed codes and codes for a future slot", () => {
    for (const bad of ["", "abc", "x.y", `${codeAt(now)}x`, "zzzzzzzzzzzzz.AAAAAAAAAAAAAAAAAAAAAA"]) {
      expect(verifyCheckInCode(key, session, bad, now)).toEqual({ ok: false, reason: "non-valido" });
    }
    const future = makeCheckInCode(key, session.id, slotOf(now) + 1);
    expect(verifyCheckInCode(key, session, future, now)).toEqual({ ok: false, reason: "non-valido" });
  });

  it("refuses any code outside the window, at both edges", () => {
    const early = at("2026-11-23T13:30:00Z");
    const firstCode = codeAt(early);
    expect(verifyCheckInCode(key, session, firstCode, early)).toEqual({ ok: true });
    expect(verifyCheckInCode(key, session, firstCode, new Date(early.getTime() - 1))).toEqual({
      ok: false,
      reason: "fuori-orario",
    });
    const lastCode = codeAt(new Date(session.endsAt.getTime() - 1));
    expect(verifyCheckInCode(key, session, lastCode, new Date(session.endsAt.getTime() - 1))).toEqual({ ok: true });
    expect(verifyCheckInCode(key, session, lastCode, session.endsAt)).toEqual({ ok: false, reason: "fuori-orario" });
  });
});

describe("personal attendance pass", () => {
  const enrolment = { id: "cmenrol0000000000000000001", editionId: "cmedition00000000000000001" };
  it("names one enrolment of one edition; another edition, another key or an altered pass do not verify", () => {
    const pass = makeAttendancePass(key, enrolment);
    expect(pass).toMatch(/^cmenrol0000000000000000001\.[A-Za-z0-9_-]{12}$/);
    expect(passEnrolmentId(pass)).toBe(enrolment.id);
    expect(verifyAttendancePass(key, pass, enrolment)).toBe(true);
    expect(verifyAttendancePass(key, ` ${pass} `, enrolment)).toBe(true);
    expect(verifyAttendancePass(key, pass, { ...enrolment, editionId: "cmedition00000000000000002" })).toBe(false);
    expect(verifyAttendancePass(otherKey, pass, enrolment)).toBe(false);
    const altered = pass.slice(0, -1) + (pass.endsWith("A") ? "B" : "A");
    expect(verifyAttendancePass(key, altered, enrolment)).toBe(false);
    expect(verifyAttendancePass(key, pass, { ...enrolment, id: "cmenrol0000000000000000002" })).toBe(false);
    expect(passEnrolmentId("not a pass")).toBeNull();
  });
});

describe("checkInMark", () => {
  // 14:00-17:00 UTC, 180 minutes; the import's tolerance is 10 minutes.
  const held = { ...session, minutes: 180 };
  it("records present up to the start plus the tolerance, early arrivals included", () => {
    for (const now of ["2026-11-23T13:30:00Z", "2026-11-23T14:00:00Z", "2026-11-23T14:10:00Z"])
      expect(checkInMark(held, at(now)), now).toEqual({ status: "presente", minutesAttended: null });
  });
  it("records a later check-in as a late arrival with the whole minutes left until the end", () => {
    expect(checkInMark(held, at("2026-11-23T14:10:30Z"))).toEqual({ status: "ritardo", minutesAttended: 169 });
    // The review's case: 20 minutes in the room, not the whole session.
    expect(checkInMark(held, at("2026-11-23T16:40:00Z"))).toEqual({ status: "ritardo", minutesAttended: 20 });
    // In the last minute: late with 0 minutes, not absent.
    expect(checkInMark(held, at("2026-11-23T16:59:30Z"))).toEqual({ status: "ritardo", minutesAttended: 0 });
  });
  it("never counts more than the session's minutes (a session with a break)", () => {
    const withBreak = { ...session, minutes: 150 };
    expect(checkInMark(withBreak, at("2026-11-23T15:00:00Z"))).toEqual({ status: "ritardo", minutesAttended: 120 });
    expect(checkInMark(withBreak, at("2026-11-23T14:20:00Z"))).toEqual({ status: "presente", minutesAttended: null });
  });
});

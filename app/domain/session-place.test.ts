import { describe, expect, it } from "vitest";
import { sessionAtVenue, sessionMode, sessionOnline, storedSessionPlace } from "./session-place.ts";
import { sessionDeliveryLabel } from "./vocabulary.ts";

const live = (place: string | null) => ({ delivery: "sincrona", place });
const blended = { mode: "blended" };

describe("a session's place (ADR 0091)", () => {
  it("is a blended event's live session's own place, or both places when it has none", () => {
    expect(sessionMode(live("in-presenza"), blended)).toBe("in-presenza");
    expect(sessionMode(live("online"), blended)).toBe("online");
    expect(sessionMode(live(null), blended)).toBe("blended");
    expect(sessionAtVenue(live("in-presenza"), blended)).toBe(true);
    expect(sessionOnline(live("in-presenza"), blended)).toBe(false);
    expect(sessionAtVenue(live("online"), blended)).toBe(false);
    expect(sessionOnline(live("online"), blended)).toBe(true);
    expect(sessionAtVenue(live(null), blended)).toBe(true);
    expect(sessionOnline(live(null), blended)).toBe(true);
  });

  it("is the event's mode for any other session, whatever place it carries", () => {
    expect(sessionMode(live("online"), { mode: "in-presenza" })).toBe("in-presenza");
    expect(sessionMode(live("in-presenza"), { mode: "online" })).toBe("online");
    expect(sessionMode({ delivery: "asincrona", place: "online" }, blended)).toBe("blended");
    expect(sessionMode(live("altrove"), blended)).toBe("blended");
  });

  it("is stored only for a blended event's live session, and only as one of the known places", () => {
    expect(storedSessionPlace(live("online"), "blended")).toBe("online");
    expect(storedSessionPlace(live("in-presenza"), "blended")).toBe("in-presenza");
    expect(storedSessionPlace(live(null), "blended")).toBeNull();
    expect(storedSessionPlace(live("altrove"), "blended")).toBeNull();
    expect(storedSessionPlace(live("online"), "in-presenza")).toBeNull();
    expect(storedSessionPlace({ delivery: "asincrona", place: "online" }, "blended")).toBeNull();
  });

  it("gives the teacher's label of the session's own place", () => {
    expect(sessionDeliveryLabel("sincrona", sessionMode(live("in-presenza"), blended), "it")).toBe("In presenza");
    expect(sessionDeliveryLabel("sincrona", sessionMode(live("online"), blended), "it")).toBe("Online in diretta");
    expect(sessionDeliveryLabel("sincrona", sessionMode(live(null), blended), "en")).toBe("Live (in person or online)");
  });
});

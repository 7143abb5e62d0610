import { describe, expect, it } from "vitest";
import { roomLinkState } from "./room-link.ts";

const session = {
  startsAt: new Date("2027-03-10T15:00:00Z"),
  endsAt: new Date("2027-03-10T17:00:00Z"),
  delivery: "sincrona",
  place: null,
};
const online = { mode: "online", onlineUrl: "https://meet.example.it/aula" };
const at = (iso: string) => new Date(iso);

describe("roomLinkState", () => {
  it("shows the link from the lead time before the start until the end", () => {
    expect(roomLinkState(session, online, true, at("2027-03-10T14:29:59Z"))).toEqual({
      state: "later",
      from: at("2027-03-10T14:30:00Z"),
    });
    expect(roomLinkState(session, online, true, at("2027-03-10T14:30:00Z"))).toMatchObject({
      state: "open",
      url: "https://meet.example.it/aula",
    });
    expect(roomLinkState(session, online, true, at("2027-03-10T16:59:00Z")).state).toBe("open");
    expect(roomLinkState(session, online, true, at("2027-03-10T17:00:00Z")).state).toBe("ended");
  });

  it("honours a configured lead time", () => {
    expect(roomLinkState(session, online, true, at("2027-03-10T14:00:00Z"), 60).state).toBe("open");
    expect(roomLinkState(session, online, true, at("2027-03-10T14:50:00Z"), 5).state).toBe("later");
  });

  it("gives no link to someone not enrolled, to in-person events and to asynchronous activities", () => {
    const now = at("2027-03-10T15:10:00Z");
    expect(roomLinkState(session, online, false, now).state).toBe("none");
    expect(roomLinkState(session, { mode: "in-presenza", onlineUrl: null }, true, now).state).toBe("none");
    expect(roomLinkState({ ...session, delivery: "asincrona" }, online, true, now).state).toBe("none");
    expect(roomLinkState(session, { mode: "online", onlineUrl: null }, true, now).state).toBe("none");
  });

  it("gives a blended event's room only for the sessions held online or in both places (ADR 0091)", () => {
    const now = at("2027-03-10T15:10:00Z");
    const blended = { mode: "blended", onlineUrl: "https://meet.example.it/aula" };
    expect(roomLinkState({ ...session, place: "in-presenza" }, blended, true, now).state).toBe("none");
    expect(roomLinkState({ ...session, place: "online" }, blended, true, now).state).toBe("open");
    expect(roomLinkState({ ...session, place: null }, blended, true, now).state).toBe("open");
  });
});

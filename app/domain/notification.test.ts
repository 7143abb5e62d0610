import { describe, expect, it } from "vitest";
import {
  autoMessageDedupeKey,
  autoMessageKeyAroundPerson,
  dedupeKeyOf,
  enrolmentChangeDedupeKey,
  notificationRow,
  participantMessageDedupeKey,
  reminderDedupeKey,
  reminderKeyAroundPerson,
  type KeyAroundPerson,
  type NotificationInput,
} from "./notification.ts";

describe("notification rows", () => {
  it("keys an enrolment's notification by the change it tells of, with the place and the payload", () => {
    expect(
      notificationRow({
        kind: "promosso",
        userId: "u1",
        enrolmentId: "e1",
        changeId: "c1",
        payload: { eventTitle: "Corso", editionNumber: 2 },
      }),
    ).toEqual({
      userId: "u1",
      kind: "promosso",
      enrolmentId: "e1",
      payload: '{"eventTitle":"Corso","editionNumber":2}',
      dedupeKey: "promosso:c1",
    });
    expect(enrolmentChangeDedupeKey("iscrizione-confermata", "c1")).toBe("iscrizione-confermata:c1");
    expect(notificationRow({ kind: "rimosso", userId: "u", enrolmentId: "e", changeId: "c" }).payload).toBe("{}");
  });

  it("keys account messages by their token, the account or the hour", () => {
    const token = notificationRow({
      kind: "cambio-email",
      userId: "u",
      tokenId: "t1",
      payload: { token: "x", to: "a@b" },
    });
    expect(token).toMatchObject({
      enrolmentId: null,
      dedupeKey: "cambio-email:t1",
      payload: '{"token":"x","to":"a@b"}',
    });
    const at = new Date("2026-12-01T10:30:00Z");
    const hour = Math.floor(at.getTime() / 3600_000);
    expect(notificationRow({ kind: "email-in-uso", userId: "h", at })).toEqual({
      userId: "h",
      kind: "email-in-uso",
      enrolmentId: null,
      payload: "{}",
      dedupeKey: `email-in-uso:h:${hour}`,
    });
    // The same hour is the same message; the next hour another.
    expect(dedupeKeyOf({ kind: "account-esistente", userId: "h", at: new Date("2026-12-01T10:59:59Z") })).toBe(
      `account-esistente:h:${hour}`,
    );
    expect(dedupeKeyOf({ kind: "account-esistente", userId: "h", at: new Date("2026-12-01T11:00:00Z") })).toBe(
      `account-esistente:h:${hour + 1}`,
    );
    expect(dedupeKeyOf({ kind: "account-chiuso", userId: "u", payload: { to: "a@b" } })).toBe("account-chiuso:u");
    expect(
      dedupeKeyOf({
        kind: "email-modificata",
        userId: "u",
        tokenId: "t",
        payload: { to: "a", newEmail: "b", token: "r" },
      }),
    ).toBe("email-modificata:t");
    // A linked or unlinked identity: its row names the change (linked once, unlinked once).
    const linked = { userId: "u", identityId: "i1", payload: { provider: "spid", providerLabel: "SPID" } };
    expect(dedupeKeyOf({ kind: "identita-collegata", ...linked })).toBe("identita-collegata:i1");
    expect(dedupeKeyOf({ kind: "identita-scollegata", ...linked })).toBe("identita-scollegata:i1");
  });

  it("keys edition-wide messages per person and per what they are about", () => {
    const freed = notificationRow({ kind: "posto-liberato", userId: "org", freedEnrolmentId: "e1", payload: {} });
    // The organiser's message is not about a place of theirs: no enrolment (no invitation either).
    expect(freed).toMatchObject({ enrolmentId: null, dedupeKey: "posto-liberato:e1:org" });
    expect(
      dedupeKeyOf({ kind: "attestato-revocato", userId: "u", enrolmentId: "e", certificateId: "c", payload: {} }),
    ).toBe("attestato-revocato:c");
    expect(
      dedupeKeyOf({ kind: "edizione-modificata", userId: "u", enrolmentId: "e", scheduleKey: "k", payload: {} }),
    ).toBe("edizione-modificata:e:k");
    expect(
      dedupeKeyOf({
        kind: "edizione-modificata-offerta",
        userId: "u",
        enrolmentId: "e",
        scheduleKey: "k",
        payload: {},
      }),
    ).toBe("edizione-modificata-offerta:e:k");
    expect(
      dedupeKeyOf({
        kind: "edizione-modificata-in-attesa",
        userId: "u",
        enrolmentId: "e",
        scheduleKey: "k",
        payload: {},
      }),
    ).toBe("edizione-modificata-in-attesa:e:k");
    expect(reminderDedupeKey("s1", "2027-03-10T15:00:00.000Z", "u1")).toBe(
      "promemoria-incontro:s1:u1:2027-03-10T15:00:00.000Z",
    );
    // The session moved to another time: another reminder.
    expect(reminderDedupeKey("s1", "2027-03-17T15:00:00.000Z", "u1")).not.toBe(
      reminderDedupeKey("s1", "2027-03-10T15:00:00.000Z", "u1"),
    );
    expect(participantMessageDedupeKey("m1", "u1")).toBe("messaggio-organizzatore:m1:u1");
    expect(participantMessageDedupeKey("m1", "u2")).not.toBe(participantMessageDedupeKey("m1", "u1"));
    expect(autoMessageDedupeKey("e", "s", "prima-di-ogni-incontro", "u", "2027-03-10T15:00:00.000Z")).toBe(
      "messaggio-automatico:e:s:prima-di-ogni-incontro:u:2027-03-10T15:00:00.000Z",
    );
    expect(autoMessageDedupeKey("e", null, "dopo-ultimo-incontro", "u")).toBe(
      "messaggio-automatico:e:fine:dopo-ultimo-incontro:u",
    );
  });

  it("splits a reminder's and an automatic message's key around the person: head + userId + tail is the row's key", () => {
    const around = (key: KeyAroundPerson, userId: string) => `${key.head}${userId}${key.tail}`;
    const start = "2027-03-10T15:00:00.000Z";
    for (const userId of ["u1", "cmxdh691h0013qa7dczko19mg"]) {
      const reminder = {
        kind: "promemoria-incontro",
        userId,
        enrolmentId: "e",
        sessionId: "s1",
        sessionStartsAt: start,
      } as const;
      expect(around(reminderKeyAroundPerson("s1", start), userId)).toBe(dedupeKeyOf({ ...reminder, payload: {} }));
      for (const [sessionId, sessionStartsAt, rule] of [
        ["s1", start, "prima-di-ogni-incontro"],
        [null, null, "dopo-ultimo-incontro"],
      ] as const) {
        const message = {
          kind: "messaggio-automatico",
          userId,
          enrolmentId: "e",
          editionId: "ed",
          payload: {},
        } as const;
        expect(around(autoMessageKeyAroundPerson("ed", sessionId, rule, sessionStartsAt), userId)).toBe(
          dedupeKeyOf({ ...message, sessionId, sessionStartsAt, rule }),
        );
      }
    }
    // The person is the only part that varies among one session's (or one rule's) rows.
    expect(reminderKeyAroundPerson("s1", start)).toEqual({ head: "promemoria-incontro:s1:", tail: `:${start}` });
    expect(autoMessageKeyAroundPerson("ed", null, "dopo-ultimo-incontro", null)).toEqual({
      head: "messaggio-automatico:ed:fine:dopo-ultimo-incontro:",
      tail: "",
    });
  });

  it("gives every kind a key that starts with the kind", () => {
    const inputs: NotificationInput[] = [
      { kind: "posto-offerto", userId: "u", enrolmentId: "e", changeId: "c" },
      { kind: "conferma-email", userId: "u", tokenId: "t", payload: { token: "x" } },
      { kind: "attestato-disponibile", userId: "u", enrolmentId: "e", certificateId: "c", payload: {} },
      {
        kind: "promemoria-incontro",
        userId: "u",
        enrolmentId: "e",
        sessionId: "s",
        sessionStartsAt: "2027-03-10T15:00:00.000Z",
        payload: {},
      },
      { kind: "messaggio-organizzatore", userId: "u", enrolmentId: "e", messageId: "m", payload: {} },
      {
        kind: "messaggio-automatico",
        userId: "u",
        enrolmentId: "e",
        editionId: "ed",
        sessionId: null,
        sessionStartsAt: null,
        rule: "dopo-ultimo-incontro",
        payload: {},
      },
    ];
    for (const input of inputs) expect(dedupeKeyOf(input).startsWith(`${input.kind}:`)).toBe(true);
  });
});

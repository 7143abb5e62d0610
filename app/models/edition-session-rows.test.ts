import { describe, expect, it } from "vitest";
import {
  editionFields,
  editionsFromRows,
  sessionFields,
  type EditionSessionColumns,
} from "./edition-session-rows.server.ts";

type Row = EditionSessionColumns;
type SessionColumns = Pick<Row, Extract<keyof Row, `session${string}`>>;
type EditionColumns = Omit<Row, keyof SessionColumns>;

const edition = (id: string, number: number): EditionColumns => ({
  id,
  number: BigInt(number),
  status: "attiva",
  startsOn: "2027-03-01T00:00:00.000Z",
  endsOn: new Date("2027-03-08T00:00:00.000Z"),
  enrolmentOpensAt: "2027-01-10T08:00:00.000Z",
  enrolmentClosesAt: "2027-02-20T23:00:00.000Z",
  seatCap: number === 1 ? 25n : null,
  seatsTaken: 3,
});
const noSession: SessionColumns = {
  sessionId: null,
  sessionTitle: null,
  sessionStartsAt: null,
  sessionEndsAt: null,
  sessionDelivery: null,
  sessionMinutes: null,
  sessionPlace: null,
};
const session = (id: string, title: string | null): SessionColumns & { sessionId: string } => ({
  sessionId: id,
  sessionTitle: title,
  sessionStartsAt: "2027-03-01T15:00:00.000Z",
  sessionEndsAt: new Date("2027-03-01T17:00:00.000Z"),
  sessionDelivery: "sincrona",
  sessionMinutes: 120n,
  sessionPlace: null,
});

const fold = (rows: Row[]) =>
  editionsFromRows(
    rows,
    (r) => ({ ...editionFields(r), sessions: [] as { id: string; title: string }[] }),
    (r) => {
      const { id, title } = sessionFields(r);
      return { id, title };
    },
  );

describe("editionsFromRows", () => {
  it("starts an edition at each new edition id and gives it the sessions of its rows, in order", () => {
    const editions = fold([
      { ...edition("e1", 1), ...session("s1", "Primo incontro") },
      { ...edition("e1", 1), ...session("s2", null) },
      { ...edition("e2", 2), ...session("s3", "Unico") },
    ]);
    expect(editions.map((e) => [e.id, e.sessions])).toEqual([
      [
        "e1",
        [
          { id: "s1", title: "Primo incontro" },
          { id: "s2", title: "" },
        ],
      ],
      ["e2", [{ id: "s3", title: "Unico" }]],
    ]);
  });

  it("keeps an edition without sessions (its row of NULL session columns) with an empty list", () => {
    const editions = fold([
      { ...edition("e1", 1), ...noSession },
      { ...edition("e2", 2), ...session("s1", "x") },
    ]);
    expect(editions.map((e) => [e.id, e.sessions.length])).toEqual([
      ["e1", 0],
      ["e2", 1],
    ]);
  });

  it("answers no editions for no rows", () => {
    expect(fold([])).toEqual([]);
  });
});

describe("editionFields and sessionFields", () => {
  it("normalise what either engine returns: ISO text or Date as Date, bigint as number", () => {
    expect(editionFields(edition("e1", 1))).toEqual({
      id: "e1",
      number: 1,
      status: "attiva",
      startsOn: new Date("2027-03-01T00:00:00.000Z"),
      endsOn: new Date("2027-03-08T00:00:00.000Z"),
      enrolmentOpensAt: new Date("2027-01-10T08:00:00.000Z"),
      enrolmentClosesAt: new Date("2027-02-20T23:00:00.000Z"),
      seatCap: 25,
    });
    expect(editionFields(edition("e2", 2)).seatCap).toBeNull();
    expect(sessionFields({ ...session("s1", null), sessionDelivery: null, sessionMinutes: null })).toEqual({
      id: "s1",
      title: "",
      startsAt: new Date("2027-03-01T15:00:00.000Z"),
      endsAt: new Date("2027-03-01T17:00:00.000Z"),
      delivery: "",
      minutes: 0,
      place: null,
    });
  });
});

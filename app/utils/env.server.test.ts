import { describe, expect, test } from "vitest";
import { parseEnv as parse } from "./env.server.ts";

const parseEnv = (vars: Record<string, string | undefined>) => parse({ NODE_ENV: "test", ...vars });

const PG = "postgresql://forma@db.example.it:5432/forma";
const REPLICA = "postgresql://forma@replica.example.it:5432/forma";

describe("DATABASE_REPLICA_URL (ADR 0017)", () => {
  test("optional; with PostgreSQL it is kept, with the read-your-writes delay", () => {
    expect(parseEnv({ DATABASE_URL: PG }).DATABASE_REPLICA_URL).toBeUndefined();
    expect(parseEnv({ DATABASE_URL: PG, DATABASE_REPLICA_URL: "" }).DATABASE_REPLICA_URL).toBeUndefined();
    const env = parseEnv({ DATABASE_URL: PG, DATABASE_REPLICA_URL: REPLICA });
    expect(env.DATABASE_REPLICA_URL).toBe(REPLICA);
    expect(env.DATABASE_REPLICA_STICKY_SECONDS).toBe(10);
    expect(
      parseEnv({ DATABASE_URL: PG, DATABASE_REPLICA_URL: REPLICA, DATABASE_REPLICA_STICKY_SECONDS: "30" })
        .DATABASE_REPLICA_STICKY_SECONDS,
    ).toBe(30);
  });

  test("refused with SQLite, named and explained", () => {
    for (const DATABASE_URL of [undefined, "file:./data/forma.db"]) {
      expect(() => parseEnv({ DATABASE_URL, DATABASE_REPLICA_URL: REPLICA })).toThrow(
        /DATABASE_REPLICA_URL: una replica di lettura esiste solo con PostgreSQL, ma DATABASE_URL è SQLite/,
      );
    }
  });

  test("must be a PostgreSQL URL", () => {
    expect(() => parseEnv({ DATABASE_URL: PG, DATABASE_REPLICA_URL: "file:./replica.db" })).toThrow(
      /DATABASE_REPLICA_URL: deve essere un URL postgresql:\/\//,
    );
    expect(() =>
      parseEnv({ DATABASE_URL: PG, DATABASE_REPLICA_URL: REPLICA, DATABASE_REPLICA_STICKY_SECONDS: "0" }),
    ).toThrow(/DATABASE_REPLICA_STICKY_SECONDS/);
  });
});

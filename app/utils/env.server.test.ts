import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server.ts";

describe("FILE_STORE", () => {
  it("defaults to the database store", () => {
    expect(parseEnv({ NODE_ENV: "test" }).FILE_STORE).toBe("database");
  });

  it("names the S3 settings that are missing, and refuses S3 until its adapter exists (ADR 0015)", () => {
    expect(() => parseEnv({ NODE_ENV: "test", FILE_STORE: "s3", S3_BUCKET: "forma-files" })).toThrow(
      /S3_REGION: obbligatorio con FILE_STORE=s3\n {2}S3_ACCESS_KEY_ID: .*\n {2}S3_SECRET_ACCESS_KEY: /,
    );
    expect(() => parseEnv({ NODE_ENV: "test", FILE_STORE: "s3", S3_BUCKET: "Not_A_Bucket" })).toThrow(/S3_BUCKET/);
    expect(() =>
      parseEnv({
        NODE_ENV: "test",
        FILE_STORE: "s3",
        S3_BUCKET: "forma-files",
        S3_REGION: "eu-south-1",
        S3_ACCESS_KEY_ID: "id",
        S3_SECRET_ACCESS_KEY: "secret",
        S3_ENDPOINT: "http://127.0.0.1:9000",
      }),
    ).toThrow(/FILE_STORE: l'archivio S3 non è ancora disponibile/);
    expect(() => parseEnv({ NODE_ENV: "test", FILE_STORE: "disk" })).toThrow(/FILE_STORE/);
  });
});

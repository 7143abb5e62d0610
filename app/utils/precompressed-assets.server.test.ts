import { describe, expect, test } from "vitest";
import { chooseEncoding } from "./precompressed-assets.server.ts";

const BR = { name: "br", suffix: ".br" } as const;
const GZIP = { name: "gzip", suffix: ".gz" } as const;
const name = (acceptEncoding: string | undefined, available: (typeof BR | typeof GZIP)[] = [BR, GZIP]) =>
  chooseEncoding(acceptEncoding, available)?.name ?? null;

describe("chooseEncoding (ADR 0038)", () => {
  test("Brotli first whatever the header's order, as the compression package prefers; then gzip", () => {
    expect(name("gzip, deflate, br, zstd")).toBe("br");
    expect(name("gzip, deflate")).toBe("gzip");
    expect(name("gzip, deflate, br", [GZIP])).toBe("gzip");
    expect(name("*")).toBe("br");
  });

  test("never an encoding the client refuses (q=0) or does not name", () => {
    expect(name("br;q=0, gzip")).toBe("gzip");
    expect(name("br; q=0, gzip;q=0")).toBeNull();
    expect(name("*;q=0, gzip")).toBe("gzip");
    expect(name("deflate, identity")).toBeNull();
    expect(name(undefined)).toBeNull();
    expect(name("")).toBeNull();
    expect(name("br", [])).toBeNull();
  });
});

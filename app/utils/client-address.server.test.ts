import { describe, expect, it } from "vitest";
import { rateLimitAddress } from "./client-address.server.ts";

describe("rateLimitAddress", () => {
  it("keeps an IPv4 address, and reads an IPv4-mapped IPv6 address as its IPv4 address", () => {
    expect(rateLimitAddress("192.0.2.1")).toBe("192.0.2.1");
    expect(rateLimitAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(rateLimitAddress("::ffff:c000:201")).toBe("192.0.2.1");
  });

  it("counts every address of one IPv6 /64 as one client", () => {
    const one = rateLimitAddress("2001:db8:1:2::1");
    expect(one).toBe("2001:db8:1:2::/64");
    expect(rateLimitAddress("2001:0db8:0001:0002:ffff:ffff:ffff:fffe")).toBe(one);
    expect(rateLimitAddress("2001:DB8:1:2:a:b:c:d%eth0")).toBe(one);
    expect(rateLimitAddress("2001:db8:1:3::1")).not.toBe(one);
    expect(rateLimitAddress("::1")).toBe("0:0:0:0::/64");
    expect(rateLimitAddress("fe80::1")).toBe("fe80:0:0:0::/64");
  });

  it("leaves what is not an address as it is", () => {
    expect(rateLimitAddress("unknown")).toBe("unknown");
    expect(rateLimitAddress("warm-up")).toBe("warm-up");
    expect(rateLimitAddress("")).toBe("");
  });
});

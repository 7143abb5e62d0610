import { foldLines } from "ical-generator";
import { describe, expect, it } from "vitest";
import { foldIcsLines } from "./ical-fold.ts";

const octets = (s: string) => new TextEncoder().encode(s).length;

describe("foldIcsLines", () => {
  const samples = [
    "",
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR",
    `SUMMARY:${"a".repeat(74)}`,
    `SUMMARY:${"a".repeat(300)}`,
    `DESCRIPTION:Edizione 1\\nIncontro sincrono\\nAula: https://meet.example.it/${"x".repeat(120)}`,
    `SUMMARY:${"àèìòù perché già ".repeat(20)}`,
    `SUMMARY:${"日本語の研修 ".repeat(30)}`,
    `SUMMARY:${"🎓📅 eTwinning ".repeat(25)}`,
    `LOCATION:${"é".repeat(36)}${"😀".repeat(40)}x`,
    `X-ODD:${"\ud800a".repeat(40)}\udc00${"b".repeat(80)}\ud800`,
    `A:${"b".repeat(100)}\r\n\r\nC:${"€".repeat(100)}\r\n`,
  ];

  it("writes exactly what ical-generator's foldLines writes", () => {
    for (const sample of samples) expect(foldIcsLines(sample)).toBe(foldLines(sample));
  });

  it("keeps every line within 75 octets and never splits a character", () => {
    for (const sample of samples.slice(0, 9)) {
      const folded = foldIcsLines(sample);
      for (const line of folded.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
      // Unfolding (RFC 5545 3.1) gives the input back, and the bytes decode without replacement characters.
      expect(folded.replace(/\r\n /g, "")).toBe(sample);
      expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(folded))).toBe(folded);
    }
  });
});

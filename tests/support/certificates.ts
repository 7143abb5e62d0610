// What a certificate states, for tests: the one fixture of StatedCertificate (app/domain/certificate-text.ts) that unit
// tests hand to the PDF's words and layout and that createCertificate (factories.ts) writes as a row. Pure: no database.
import type { StatedCertificate } from "../../app/domain/certificate-text.ts";
import { parseRomeDateTime } from "../../app/utils/dates.ts";

/**
 * A national seminar's certificate with nowhere printed as its place; `fields` sets what a test is about. Its last day
 * ends at 00:30 in Rome on 1 November, still 31 October in UTC: a certificate says Rome's days.
 */
export function statedCertificate(fields: Partial<StatedCertificate> = {}): StatedCertificate {
  return {
    code: "FRM-ABCD-EFGH-JKMN",
    holderName: "Maria Rossi",
    eventTitle: "Progettare con eTwinning",
    eventTitleLanguage: "it",
    eventType: "seminario-multilaterale",
    eventLevel: "nazionale",
    eventRegionCode: null,
    organiser: "Unità nazionale eTwinning – INDIRE",
    placeVenue: null,
    placeOnline: false,
    editionStartsOn: parseRomeDateTime("2026-10-31T09:00")!,
    editionEndsOn: parseRomeDateTime("2026-11-01T00:30")!,
    certifiedMinutes: 1230,
    issuedAt: parseRomeDateTime("2026-12-05T00:15")!,
    ...fields,
  };
}

// Why a download was refused, said on the small bilingual page of resource routes (ADR 0092): the
// guards in front of a PDF, CSV, ZIP, XLSX or an event's file threw a bare 403 that the Express layer
// turned into "Accesso non consentito" with no reason (ADR 0086). The status stays the guard's; the
// words name a rule, never someone else's data. A visitor who is not signed in is still sent to the
// sign-in page by requireUser before any of this, so nobody anonymous learns whether a thing exists.
import { translator } from "~/i18n/i18n.tsx";
import { STAFF_EMAIL_UNCONFIRMED } from "./auth.server.ts";
import { plainPage } from "./plain-page.server.ts";

export const DOWNLOAD_REFUSALS = [
  "certificateNotYours",
  "certificateRevoked",
  "trainingCertificateNotYours",
  "materialsForParticipants",
  "register",
  "participants",
  "certificates",
  "dashboard",
  "dashboardRegion",
  "staffEmailUnconfirmed",
] as const;
export type DownloadRefusal = (typeof DOWNLOAD_REFUSALS)[number];

/** The refusal page for `reason`, Italian then English, with the given status. */
export function refusedDownload(status: 403 | 404, reason: DownloadRefusal): Response {
  const said = (locale: "it" | "en") => {
    const t = translator(locale);
    return { title: t(`downloads.refused.${reason}.title`), text: t(`downloads.refused.${reason}.text`) };
  };
  const page = plainPage(status, said("it"), said("en"));
  return new Response(page.html, {
    status: page.status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * Runs a guard; its 403 becomes the refusal page for `reason`, or, when the guard refused a staff account
 * whose address was never confirmed (requireConfirmedStaff), the page that says to confirm it. Anything
 * else it throws (the sign-in redirect, a 404 for an unknown id or a draft the person may not see) goes on
 * as it was.
 */
export async function guardDownload<T>(reason: DownloadRefusal, guard: () => Promise<T>): Promise<T> {
  try {
    return await guard();
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status === 403) {
      const unconfirmed = (await thrown.clone().text()) === STAFF_EMAIL_UNCONFIRMED;
      throw refusedDownload(403, unconfirmed ? "staffEmailUnconfirmed" : reason);
    }
    throw thrown;
  }
}

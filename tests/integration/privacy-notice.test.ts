// The privacy notice (/privacy) says what the code does: the retention periods it states are the
// retention job's own settings, and the data it lists includes what SPID/CIE sign-in stores.
import { describe, expect, it } from "vitest";
import { retentionSettings } from "../../app/models/account-retention.server.ts";
import * as privacyRoute from "../../app/routes/privacy.tsx";
import { translator } from "../../app/i18n/i18n.tsx";
import { getEnv } from "../../app/utils/env.server.ts";
import { SESSION_MAX_AGE_SECONDS } from "../../app/utils/session.server.ts";

describe("the privacy notice", () => {
  it("states the retention periods the retention job applies, in both languages", () => {
    const params = privacyRoute.loader();
    const settings = retentionSettings();
    expect(params).toEqual({
      unconfirmedDays: String(settings.unconfirmedDays),
      unconfirmedWarningDays: String(settings.unconfirmedWarningDays),
      tokenDays: String(settings.tokenDays),
      notificationDays: String(settings.notificationDays),
      sessionDays: String(SESSION_MAX_AGE_SECONDS / 86_400),
      auditDays: "",
      // DPO_EMAIL (ADR 0104): the data protection officer the notice names.
      dpo: getEnv().DPO_EMAIL,
    });
    expect(translator("it")("privacy.controller.text", params)).toContain(getEnv().DPO_EMAIL);
    for (const [locale, days] of [
      ["it", "giorni"],
      ["en", "days"],
    ] as const) {
      const text = translator(locale)("privacy.retention.text", params);
      expect(text, locale).not.toMatch(/[{}]/);
      for (const n of [
        settings.unconfirmedDays,
        settings.unconfirmedWarningDays,
        settings.tokenDays,
        settings.notificationDays,
      ]) {
        expect(text, locale).toContain(`${n} ${days}`);
      }
    }
  });

  it("states how long the change log is kept: unset, that the controller has not decided; set, the days and what outlives them (ADR 0092)", () => {
    expect(retentionSettings().auditDays).toBeNull();
    expect(translator("it")("privacy.audit.kept")).toContain("Il titolare del trattamento non ha ancora stabilito");
    expect(translator("en")("privacy.audit.kept")).toContain("The data controller has not yet set");
    for (const [locale, days] of [
      ["it", "730 giorni"],
      ["en", "730 days"],
    ] as const) {
      const text = translator(locale)("privacy.audit.text", { auditDays: "730" });
      expect(text, locale).not.toMatch(/[{}]/);
      expect(text, locale).toContain(days);
    }
  });

  it("says that the data archive names who changed the person's data by role, not by name (as it does)", () => {
    expect(translator("it")("privacy.rights.text")).toContain("indicato con il suo ruolo");
    expect(translator("en")("privacy.rights.text")).toContain("named by their role");
  });

  it("says that past region, school level and role are kept for statistics, and what closure keeps of them (ADR 0093)", () => {
    expect(translator("it")("privacy.data.text")).toContain("quelli che avevi prima di ogni loro modifica");
    expect(translator("en")("privacy.data.text")).toContain("those you had before each change of them");
    const params = privacyRoute.loader();
    expect(translator("it")("privacy.retention.text", params)).toContain("senza la data della modifica");
    expect(translator("en")("privacy.retention.text", params)).toContain("without the date of the change");
  });

  it("lists the codice fiscale and the digital identity that SPID/CIE sign-in stores", () => {
    expect(translator("it")("privacy.data.text")).toContain("codice fiscale");
    expect(translator("en")("privacy.data.text")).toContain("tax code");
  });
});

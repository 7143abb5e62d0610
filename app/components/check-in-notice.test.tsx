// Why a trainer's check-in page shows no QR code. Since ADR 0091 a blended event's live session may be
// held online only: the notice must not say that QR check-in is for blended events' live sessions,
// which would read as if this one (online, of a blended event) should have one.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Locale } from "~/domain/vocabulary.ts";
import { LocaleProvider } from "~/i18n/i18n.tsx";
import { CheckInNotice } from "./check-in-notice.tsx";

const render = (locale: Locale) =>
  renderToStaticMarkup(
    <LocaleProvider locale={locale}>
      <CheckInNotice view={{ kind: "non-previsto" }} opensMinutesBefore={30} />
    </LocaleProvider>,
  );

describe("the notice of a session without QR check-in", () => {
  it("says check-in is for live sessions held in person, whatever the event's mode", () => {
    expect(render("it")).toContain("solo per gli incontri sincroni che si svolgono in presenza");
    expect(render("it")).not.toContain("blended");
    expect(render("en")).toContain("only for live sessions held in person");
    expect(render("en")).not.toContain("blended");
  });
});

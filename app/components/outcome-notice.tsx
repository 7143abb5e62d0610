// The outcome of what the person just did ("Iscrizione confermata…", "Iscrizione annullata."), shown by the page an
// action redirected to: GOV.UK's success notification banner. A live region that is already filled when a page loads
// is not announced (no JavaScript, or a full page load after the redirect), so the outcome is given three ways:
//  - the page's <title> starts with it ("Iscrizione confermata – Le mie iscrizioni · Forma", pageTitle's `outcome`,
//    app/i18n/meta.ts): the first thing a screen reader reads on a page load;
//  - the notice is a region named by its heading, found in the list of headings and of landmarks;
//  - with JavaScript, NavigationFocus (app/components/layout/navigation-focus.tsx) gives it the focus after the
//    navigation (tabIndex -1: focusable from script only), so the screen reader reads it there and Tab goes on from it.
// Its text stays in a role="status" element too, which NavigationFocus reads when it does not focus the notice.
// `details` (what more the outcome says: editions renumbered, a summary, its rows) follow the heading in the notice.
import { useId, type ReactNode } from "react";

export function OutcomeNotice({
  children,
  details,
  tone = "success",
  level = 2,
  testId,
}: {
  /** The outcome, as the notice's heading. */
  children: ReactNode;
  /** What more it says, after the heading (in the status element: read with it when NavigationFocus announces it). */
  details?: ReactNode;
  /** "info": an outcome that is not a success in full (a place on the waiting list instead of a seat). */
  tone?: "success" | "info";
  /** The heading's level: 2 under the page's <h1>, 3 inside a section with its own <h2>. */
  level?: 2 | 3;
  testId?: string;
}) {
  const id = useId();
  const Heading = level === 3 ? "h3" : "h2";
  return (
    <div
      className={`alert alert-${tone}`}
      role="region"
      aria-labelledby={id}
      tabIndex={-1}
      data-outcome-notice=""
      data-testid={testId}
    >
      <div role="status">
        <Heading id={id} className="h6 mb-0">
          {children}
        </Heading>
        {details}
      </div>
    </div>
  );
}

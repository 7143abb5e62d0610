// The error summary of a long form (WCAG 3.3.1, 3.3.3 and 2.4.3; the GOV.UK and Designers Italia pattern): when
// the server sends a form back refused, a box at the top of the form says how many errors there are ("Il modulo
// contiene 3 errori") and lists each one as a link to its field, "Label: message"; the keyboard focus goes to its
// heading, so a screen reader reads the count first and the list next, and a link moves the focus to its field.
// Before, the long forms (sign-up, profile, event form, placement) showed each error beside its field only: a form
// sent without JavaScript came back at its top with nothing saying what was wrong, a refusal of the server with
// JavaScript put the focus on the first wrong field alone, and nobody heard how many fields were left to correct.
// Without JavaScript the box is rendered by the server at the top of the form and its links are plain anchors to the
// fields' ids. Errors found in the browser before sending keep Conform's own behaviour (the focus on the first wrong
// field), with the box listing them too.
import type { FormMetadata, SubmissionResult } from "@conform-to/react";
import { useEffect, useRef, type MouseEvent } from "react";
import { useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";

/** An error is a message key ("validation.required") or text already translated. */
function messageOf(t: ReturnType<typeof useT>, error: string): string {
  return error.includes(".") && !error.includes(" ") ? t(error as MessageKey) : error;
}

/**
 * The element a summary's link leads to: the field with that id, else the first control inside the group of that
 * id (a list of checkboxes), else the first control whose id starts with it, else its error text.
 */
function targetOf(id: string): HTMLElement | null {
  const element = document.getElementById(id);
  const control = (root: ParentNode) => root.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea");
  if (element && !element.matches("input, select, textarea, button")) return control(element) ?? element;
  return (
    element ??
    document.querySelector<HTMLElement>(`[id^="${CSS.escape(`${id}-`)}"]:is(input, select, textarea)`) ??
    document.getElementById(`${id}-error`)
  );
}

export function ErrorSummary<Schema extends Record<string, unknown>>({
  form,
  lastResult,
  labelOf,
}: {
  form: FormMetadata<Schema, string[]>;
  /** The server's answer (the action's data): the box takes the focus when a new one with errors arrives. */
  lastResult: SubmissionResult<string[]> | null | undefined;
  /** The visible label of a field by its name; undefined lists its message alone. */
  labelOf: (name: string) => string | undefined;
}) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const focusPending = useRef(false);
  const entries = Object.entries(form.allErrors).flatMap(([name, errors]) =>
    errors.map((error) => ({ name, message: messageOf(t, error) })),
  );
  const shown = form.status === "error" && entries.length > 0;
  // A new refusal from the server: the heading takes the focus once the box is drawn (Conform first puts it on the
  // first wrong field, in a layout effect; this runs after it, and on the render that shows the box).
  useEffect(() => {
    if (lastResult?.status === "error") focusPending.current = true;
  }, [lastResult]);
  useEffect(() => {
    if (focusPending.current && heading.current) {
      focusPending.current = false;
      heading.current.focus();
    }
  });
  if (!shown) return null;
  const headingId = `${form.id}-error-summary`;
  const follow = (id: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    const target = targetOf(id);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: "center" });
  };
  return (
    <div className="alert alert-danger error-summary" data-testid="error-summary">
      <h2 id={headingId} className="h5" tabIndex={-1} ref={heading}>
        {t("form.errorSummary.title", { count: entries.length })}
      </h2>
      <ul className="mb-0">
        {entries.map(({ name, message }, i) => {
          const label = name ? labelOf(name) : undefined;
          const text = label ? `${label}: ${message}` : message;
          const id = `${form.id}-${name}`;
          return (
            <li key={`${name}-${i}`}>
              {name ? (
                <a href={`#${id}`} onClick={follow(id)}>
                  {text}
                </a>
              ) : (
                text
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

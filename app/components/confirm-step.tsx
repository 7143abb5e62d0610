import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * The second step of an action that cannot be undone (closing an event, closing an edition's
 * enrolment): what will happen, the confirming button that posts the action's fields with
 * confirm=yes, and a way back. The first step is a GET that opens it (works without JavaScript);
 * its heading takes the focus (`#<id>-title`, or `headingId`). A step that asks for more (cancelling asks for the
 * reason told to the participants, CancellationConfirm) puts its fields in `children`. Every page's second
 * step is this one (the organiser's and the teacher's: cancelling a place, declining an offer, withdrawing
 * an application, deleting external training), so they read and behave alike.
 */
export type ConfirmStepProps = {
  id: string;
  /** The heading's id when the first step's URL fragment names another one (#conferma-<place>). */
  headingId?: string;
  /** 2 on a page's own section (the default); 4 inside a list item whose title is an h3. */
  headingLevel?: 2 | 4;
  /** A node, for a title that holds a text in its own language (messageWith). */
  title: ReactNode;
  /** A node, for a text that holds a title in its own language. */
  text: ReactNode;
  yes: string;
  keep: string;
  /**
   * Where "Mantieni" goes: the page without the step, at `#<id>` of the button that opened it, so the focus
   * goes back to that button (NavigationFocus focuses a fragment's element) rather than to the page's h1.
   */
  keepHref: string;
  /** The action's own fields (intent and the like), sent with confirm=yes. */
  fields: Record<string, string>;
  error?: string | null;
  disabled?: boolean;
  small?: boolean;
  className?: string;
  /** The form's id, when the first step links to it. */
  formId?: string;
  /** Where the form posts, when not the page's own URL (which may carry the first step's query), e.g. with a #fragment where the outcome is shown. */
  action?: string;
  /** Fields asked before confirming, shown above the buttons. */
  children?: ReactNode;
};

export function ConfirmStep(props: ConfirmStepProps) {
  const size = props.small ? " btn-sm" : "";
  const headingId = props.headingId ?? `${props.id}-title`;
  const Heading = props.headingLevel === 4 ? "h4" : "h2";
  return (
    <section
      className={`alert alert-warning${props.className ? ` ${props.className}` : ""}`}
      aria-labelledby={headingId}
      data-testid={props.id}
    >
      <Heading className={props.headingLevel === 4 ? "h6" : "h5"} id={headingId} tabIndex={-1}>
        {props.title}
      </Heading>
      <p>{props.text}</p>
      {props.error ? (
        <p className="field-error" role="alert">
          {props.error}
        </p>
      ) : null}
      <Form method="post" id={props.formId} action={props.action}>
        {Object.entries(props.fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirm" value="yes" />
        {props.children}
        <div className="d-flex flex-wrap gap-2">
          <button type="submit" className={`btn btn-danger${size}`} disabled={props.disabled}>
            {props.yes}
          </button>
          <Link className={`btn btn-outline-primary${size}`} to={props.keepHref}>
            {props.keep}
          </Link>
        </div>
      </Form>
    </section>
  );
}

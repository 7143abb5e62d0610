import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * The second step of an action that cannot be undone (closing an event, closing an edition's
 * enrolment): what will happen, the confirming button that posts the action's fields with
 * confirm=yes, and a way back. The first step is a GET that opens it (works without JavaScript);
 * its heading takes the focus (`#<id>-title`). A step that asks for more (cancelling asks for the
 * reason told to the participants, CancellationConfirm) puts its fields in `children`.
 */
export type ConfirmStepProps = {
  id: string;
  /** A node, for a title that holds a text in its own language (messageWith). */
  title: ReactNode;
  text: string;
  yes: string;
  keep: string;
  keepHref: string;
  /** The action's own fields (intent and the like), sent with confirm=yes. */
  fields: Record<string, string>;
  error?: string | null;
  disabled?: boolean;
  small?: boolean;
  className?: string;
  /** The form's id, when the first step links to it. */
  formId?: string;
  /** Fields asked before confirming, shown above the buttons. */
  children?: ReactNode;
};

export function ConfirmStep(props: ConfirmStepProps) {
  const size = props.small ? " btn-sm" : "";
  return (
    <section
      className={`alert alert-warning${props.className ? ` ${props.className}` : ""}`}
      aria-labelledby={`${props.id}-title`}
      data-testid={props.id}
    >
      <h2 className="h5" id={`${props.id}-title`} tabIndex={-1}>
        {props.title}
      </h2>
      <p>{props.text}</p>
      {props.error ? (
        <p className="field-error" role="alert">
          {props.error}
        </p>
      ) : null}
      <Form method="post" id={props.formId}>
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

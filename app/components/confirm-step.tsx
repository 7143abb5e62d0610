import { Form, Link } from "@remix-run/react";

/**
 * The second step of an action that cannot be undone (closing an event, closing an edition's
 * enrolment): what will happen, the confirming button that posts the action's fields with
 * confirm=yes, and a way back. The first step is a GET that opens it (works without JavaScript);
 * its heading takes the focus (`#<id>-title`). Cancelling, which asks for a reason too, has its
 * own step (CancellationConfirm).
 */
export function ConfirmStep(props: {
  id: string;
  title: string;
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
}) {
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
      <Form method="post" className="d-flex flex-wrap gap-2">
        {Object.entries(props.fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" className={`btn btn-danger${size}`} disabled={props.disabled}>
          {props.yes}
        </button>
        <Link className={`btn btn-outline-primary${size}`} to={props.keepHref}>
          {props.keep}
        </Link>
      </Form>
    </section>
  );
}

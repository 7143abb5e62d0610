// The second step before cancelling an event or an edition: the shared confirmation step
// (ConfirmStep, no JavaScript needed) that also asks for the reason told to the participants.
import { ConfirmStep, type ConfirmStepProps } from "~/components/confirm-step.tsx";
import { CANCELLATION_REASON_MAX } from "~/domain/event-rules.ts";
import { useT } from "~/i18n/i18n.tsx";

export function CancellationConfirm({
  id,
  title,
  text,
  yes,
  keep,
  keepHref,
  intent,
  error,
  defaultReason,
  disabled,
}: Pick<ConfirmStepProps, "id" | "title" | "text" | "yes" | "keep" | "keepHref" | "disabled"> & {
  /** The action's intent, sent with the reason and confirm=yes (the first step's form links to #id). */
  intent: string;
  /** The reason's error, already translated (shown under the field, not above the buttons). */
  error?: string;
  defaultReason?: string;
}) {
  const t = useT();
  const reasonId = `${id}-reason`;
  return (
    <ConfirmStep
      id={id}
      formId={id}
      title={title}
      text={text}
      yes={yes}
      keep={keep}
      keepHref={keepHref}
      fields={{ intent }}
      disabled={disabled}
    >
      <div className="mb-3">
        <label htmlFor={reasonId} className="form-label fw-semibold d-block">
          {t("cancellation.reason")}
        </label>
        <textarea
          id={reasonId}
          name="reason"
          rows={3}
          className={`form-control border${error ? " is-invalid" : ""}`}
          required
          maxLength={CANCELLATION_REASON_MAX}
          defaultValue={defaultReason}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${reasonId}-hint${error ? ` ${reasonId}-error` : ""}`}
        />
        <small id={`${reasonId}-hint`} className="form-text d-block">
          {t("cancellation.reasonHint", { max: CANCELLATION_REASON_MAX })}
        </small>
        {error ? (
          <div id={`${reasonId}-error`} className="field-error" role="alert">
            {error}
          </div>
        ) : null}
      </div>
    </ConfirmStep>
  );
}

// Accessible form fields for Conform forms, styled with Bootstrap Italia.
// Each input is labelled, marks itself aria-invalid and points to its error with aria-describedby.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
  type FormMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import type { ChangeEvent, ReactNode } from "react";
import type { ZodTypeAny } from "zod";
import { useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { useLocale } from "~/i18n/i18n.tsx";
import { formatBytes } from "~/utils/format-bytes.ts";
import { ErrorSummary } from "./error-summary.tsx";

/** Shows a field's errors; they are message keys, or already-translated text. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <div id={id} className="field-error" role="alert">
      {errors.map((e) => (
        <div key={e}>{e.includes(".") && !e.includes(" ") ? t(e as MessageKey) : e}</div>
      ))}
    </div>
  );
}

type Common = {
  /** A node too: a row's field adds a hidden end naming whose it is (WCAG 2.4.6, the visible words first). */
  label: ReactNode;
  hint?: string;
  required?: boolean;
};

function describedBy(field: FieldMetadata<unknown>, hint?: string) {
  const ids = [hint ? `${field.id}-hint` : null, field.errors?.length ? field.errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** A field's hint (referenced by aria-describedby as `<id>-hint`) and its errors. */
function HintAndErrors({ field, hint }: { field: FieldMetadata<unknown>; hint?: string }) {
  return (
    <>
      {hint ? (
        <small id={`${field.id}-hint`} className="form-text">
          {hint}
        </small>
      ) : null}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </>
  );
}

/** A single checkbox (a yes/no field). */
export function CheckboxField({
  field,
  label,
  hint,
}: {
  field: FieldMetadata<boolean | undefined>;
  label: string;
  hint?: string;
}) {
  const props = getInputProps(field, { type: "checkbox", ariaAttributes: true });
  return (
    <div className="form-group">
      <div className="form-check">
        <input {...props} key={props.key} aria-describedby={describedBy(field as FieldMetadata<unknown>, hint)} />
        <label htmlFor={field.id}>{label}</label>
      </div>
      <HintAndErrors field={field as FieldMetadata<unknown>} hint={hint} />
    </div>
  );
}

function Label({ htmlFor, label, required }: { htmlFor: string; label: ReactNode; required?: boolean }) {
  const t = useT();
  return (
    <label htmlFor={htmlFor} className="active">
      {label}
      {required ? <span className="visually-hidden"> ({t("common.required")})</span> : null}
      {required ? <span aria-hidden="true"> *</span> : null}
    </label>
  );
}

export function TextField({
  field,
  label,
  hint,
  required,
  type = "text",
  autoComplete,
}: Common & {
  field: FieldMetadata<string | number | undefined | null>;
  type?: "text" | "email" | "password" | "url" | "number" | "datetime-local" | "date" | "search";
  autoComplete?: string;
}) {
  const props = getInputProps(field as FieldMetadata<string>, { type: type as "text", ariaAttributes: true });
  return (
    <div className="form-group">
      <Label htmlFor={field.id} label={label} required={required} />
      <input
        {...props}
        key={props.key}
        className={`form-control${field.errors?.length ? " is-invalid" : ""}`}
        autoComplete={autoComplete}
        aria-describedby={describedBy(field as FieldMetadata<unknown>, hint)}
        required={required}
      />
      <HintAndErrors field={field as FieldMetadata<unknown>} hint={hint} />
    </div>
  );
}

export function TextAreaField({
  field,
  label,
  hint,
  required,
  rows = 5,
}: Common & { field: FieldMetadata<string | undefined>; rows?: number }) {
  const props = getTextareaProps(field, { ariaAttributes: true });
  return (
    <div className="form-group">
      <Label htmlFor={field.id} label={label} required={required} />
      <textarea
        {...props}
        key={props.key}
        rows={rows}
        className={`form-control${field.errors?.length ? " is-invalid" : ""}`}
        aria-describedby={describedBy(field as FieldMetadata<unknown>, hint)}
        required={required}
      />
      <HintAndErrors field={field as FieldMetadata<unknown>} hint={hint} />
    </div>
  );
}

type Labelled = Readonly<Record<string, { it: string; en: string }>>;

export function options(labels: Labelled, locale: Locale): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, l]) => ({ value, label: l[locale] }));
}

export function SelectField({
  field,
  label,
  hint,
  required,
  choices,
  placeholder,
  lockedTo,
}: Common & {
  field: FieldMetadata<string | undefined | null>;
  choices: { value: string; label: string }[];
  placeholder?: string;
  /** A value that may no longer change (the hint says why): shown disabled, sent as it is stored. */
  lockedTo?: string;
}) {
  const t = useT();
  const props = getSelectProps(field as FieldMetadata<string>, { ariaAttributes: true });
  if (lockedTo !== undefined) {
    return (
      <div className="select-wrapper form-group">
        <Label htmlFor={field.id} label={label} />
        {/* A disabled select is not sent: the stored value goes in a hidden field of the same name. */}
        <input type="hidden" name={field.name} value={lockedTo} />
        <select
          id={field.id}
          disabled
          defaultValue={lockedTo}
          className={field.errors?.length ? "is-invalid" : undefined}
          aria-invalid={field.errors?.length ? true : undefined}
          aria-describedby={describedBy(field as FieldMetadata<unknown>, hint)}
        >
          {choices
            .filter((c) => c.value === lockedTo)
            .map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
        </select>
        <HintAndErrors field={field as FieldMetadata<unknown>} hint={hint} />
      </div>
    );
  }
  return (
    <div className="select-wrapper form-group">
      <Label htmlFor={field.id} label={label} required={required} />
      <select
        {...props}
        key={props.key}
        className={field.errors?.length ? "is-invalid" : undefined}
        aria-describedby={describedBy(field as FieldMetadata<unknown>, hint)}
        required={required}
      >
        <option value="">{placeholder ?? t("select.placeholder")}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <HintAndErrors field={field as FieldMetadata<unknown>} hint={hint} />
    </div>
  );
}

/**
 * Checkboxes for a multi-value field (audiences, themes…). Keeps the ticks of a form sent back
 * with errors, whether the server returns one value (a string) or many.
 */
export function CheckboxListField({
  field,
  legend,
  hint,
  choices,
}: {
  field: FieldMetadata<string[]> | FieldMetadata<string[] | undefined>;
  legend: string;
  hint?: string;
  choices: { value: string; label: string }[];
}) {
  const initial = field.initialValue as unknown;
  const current = new Set(
    Array.isArray(initial) ? (initial as string[]) : typeof initial === "string" ? [initial] : [],
  );
  const hintId = `${field.id}-hint`;
  const describedBy =
    [hint ? hintId : null, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      // The error summary's link to the group (its first box takes the focus).
      id={field.id}
      className="form-group"
      aria-describedby={describedBy}
      aria-invalid={field.errors?.length ? true : undefined}
    >
      <legend className="h6">{legend}</legend>
      {hint ? (
        <p id={hintId} className="form-text small">
          {hint}
        </p>
      ) : null}
      <div className="row">
        {choices.map((c) => (
          <div className="form-check col-md-6" key={`${field.key ?? ""}-${c.value}`}>
            <input
              id={`${field.id}-${c.value}`}
              type="checkbox"
              name={field.name}
              value={c.value}
              defaultChecked={current.has(c.value)}
            />
            <label htmlFor={`${field.id}-${c.value}`}>{c.label}</label>
          </div>
        ))}
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

export function FormErrorSummary({ errors, children }: { errors?: string[]; children?: ReactNode }) {
  const t = useT();
  if (!errors?.length && !children) return null;
  return (
    <div className="alert alert-danger" role="alert">
      {errors?.map((e) => (
        <p key={e} className="mb-0">
          {e.includes(".") && !e.includes(" ") ? t(e as MessageKey) : e}
        </p>
      ))}
      {children}
    </div>
  );
}

/**
 * One form of a page with several (a multi-intent action): posts its `intent`, lists the form's own
 * errors first, then its fields, then the submit button (disabled while a submission is under way).
 */
export function IntentForm<Schema extends Record<string, unknown>>({
  form,
  intent,
  submitLabel,
  children,
  summary,
}: {
  form: FormMetadata<Schema, string[]>;
  intent: string;
  submitLabel: string;
  children: ReactNode;
  /**
   * A long form's error summary (error-summary.tsx): the server's answer to this form and its fields' labels. Without
   * it, only the form's own errors are listed.
   */
  summary?: {
    lastResult: SubmissionResult<string[]> | null | undefined;
    labelOf: (name: string) => string | undefined;
  };
}) {
  const navigation = useNavigation();
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      {summary ? (
        <ErrorSummary form={form} lastResult={summary.lastResult} labelOf={summary.labelOf} />
      ) : (
        <FormErrorSummary errors={form.errors} />
      )}
      {children}
      <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
        {submitLabel}
      </button>
    </Form>
  );
}

/**
 * Conform's options for checking a form in the browser with the same Zod schema as its action:
 * a field is checked when it loses focus (or only on submit), then again as it is corrected.
 */
export function validateWithZod<Schema extends ZodTypeAny>(
  schema: Schema,
  shouldValidate: "onBlur" | "onSubmit" = "onBlur",
) {
  return {
    onValidate: ({ formData }: { formData: FormData }) => parseWithZod(formData, { schema }),
    shouldValidate,
    shouldRevalidate: "onInput" as const,
  };
}

export { useLocale };

/**
 * The `onChange` of a file input whose form is not a Conform one: a file over `maxBytes` makes the
 * input invalid at once, so the browser says why next to it and does not send the form. Without
 * this, the upload went out in full only to be refused (413), and with JavaScript the refusal of a
 * page's ".data" post is the generic error page, with the form lost. The server keeps its own limit.
 */
export function useFileSizeLimit(maxBytes: number) {
  const t = useT();
  return (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.setCustomValidity(
      file && file.size > maxBytes ? t("validation.fileTooLarge", { size: formatBytes(maxBytes) }) : "",
    );
    input.reportValidity();
  };
}

// The verification code form (GET, nothing changes), on the verification pages.
import { Form } from "@remix-run/react";
import { useT } from "~/i18n/i18n.tsx";

export function VerifyCertificateForm({ typed, invalid }: { typed: string; invalid: boolean }) {
  const t = useT();
  return (
    <Form
      method="get"
      action="/attestati/verifica"
      className="row g-2 align-items-end"
      role="search"
      aria-label={t("certificates.verify.title")}
    >
      <div className="col-md-6 form-group mb-0">
        <label htmlFor="codice" className="active">
          {t("certificates.verify.code")}
        </label>
        <input
          id="codice"
          name="codice"
          type="text"
          className="form-control"
          defaultValue={typed}
          placeholder="FRM-XXXX-XXXX-XXXX"
          autoComplete="off"
          spellCheck={false}
          required
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? "codice-error" : "codice-hint"}
        />
        {invalid ? (
          <div id="codice-error" className="field-error" role="alert">
            {t("certificates.verify.badFormat")}
          </div>
        ) : (
          <small id="codice-hint" className="form-text">
            {t("certificates.verify.hint")}
          </small>
        )}
      </div>
      <div className="col-md-3">
        <button type="submit" className="btn btn-primary">
          {t("certificates.verify.submit")}
        </button>
      </div>
    </Form>
  );
}

// /profilo/carta-intestata: the organiser's letterhead for certificates (issue 15, item 5): logo
// and signature images (PNG or JPEG, at most 512 KB each, stored in the database) and the
// signatory's name and role, printed on the certificates of the events the organiser created.
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrorSummary, useFileSizeLimit } from "~/components/form-fields.tsx";
import { LETTERHEAD_IMAGE_MAX_BYTES, LETTERHEAD_MAX_SIDE, LETTERHEAD_TEXT_MAX } from "~/domain/letterhead.ts";
import { letterheadFormSchema } from "~/forms/letterhead-form.ts";
import { useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { loadLetterheadSettings, saveLetterhead, type ImageChange } from "~/models/letterhead.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { readUploadForm } from "~/utils/upload.server.ts";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";

// ?fatto=1, where the save redirects: the title starts with the outcome.
export const meta: MetaFunction = ({ matches, location }) => [
  {
    title: pageTitle(
      matches,
      "title.letterhead",
      null,
      new URLSearchParams(location.search).get("fatto") ? "outcome.letterheadSaved" : null,
    ),
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireOrganiser(request);
  return { letterhead: await loadLetterheadSettings(user.id) };
}

/** The errors by field, and the texts as typed: a refused form shows them again (files cannot be). */
type ActionData = { errors: string[]; fields: Partial<Record<string, string>>; typed?: TypedTexts };
type TypedTexts = { signatoryName: string; signatoryRole: string };

function typedTexts(form: FormData): TypedTexts {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.slice(0, LETTERHEAD_TEXT_MAX) : "";
  };
  return { signatoryName: text("signatoryName"), signatoryRole: text("signatoryRole") };
}

/** An uploaded file's bytes, or undefined when no file was chosen. */
async function fileOf(value: FormDataEntryValue | null): Promise<Uint8Array | undefined> {
  if (!(value instanceof Blob) || value.size === 0) return undefined;
  return new Uint8Array(await value.arrayBuffer());
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireOrganiser(request);
  // A little over the cap per part, so an image just over it reaches the model's own check.
  const form = await readUploadForm(request, LETTERHEAD_IMAGE_MAX_BYTES + 1024);
  if (form === "too-large")
    return data<ActionData>({ errors: ["letterhead.error.too-large"], fields: {} }, { status: 413 });
  const submission = parseWithZod(form, { schema: letterheadFormSchema });
  if (submission.status !== "success") {
    const fields = Object.fromEntries(
      Object.entries(submission.error ?? {}).map(([name, messages]) => [name, messages?.[0] ?? ""]),
    );
    return data<ActionData>({ errors: Object.values(fields), fields, typed: typedTexts(form) }, { status: 400 });
  }
  const value = submission.value;
  const change = async (file: FormDataEntryValue | null, remove: boolean): Promise<ImageChange> =>
    remove ? "remove" : await fileOf(file);
  const r = await saveLetterhead(user.id, {
    signatoryName: value.signatoryName,
    signatoryRole: value.signatoryRole,
    logo: await change(form.get("logo"), value.removeLogo),
    signature: await change(form.get("signature"), value.removeSignature),
  });
  if (!r.ok) {
    const fields = Object.fromEntries(
      Object.entries(r.problems).map(([name, problem]) => [name, `letterhead.error.${problem}`]),
    );
    return data<ActionData>({ errors: Object.values(fields), fields, typed: typedTexts(form) }, { status: 400 });
  }
  return redirect("/profilo/carta-intestata?fatto=1");
}

/** The values the hint and the errors name: the file's cap in KB and an image's largest side in pixels. */
const ERROR_VALUES = { kb: LETTERHEAD_IMAGE_MAX_BYTES / 1024, side: LETTERHEAD_MAX_SIDE };

function ImageField({
  name,
  label,
  current,
  removeName,
  error,
}: {
  name: "logo" | "signature";
  label: string;
  current: string | null;
  removeName: string;
  error?: string;
}) {
  const t = useT();
  const limitSize = useFileSizeLimit(LETTERHEAD_IMAGE_MAX_BYTES);
  const hintId = `${name}-hint`;
  const errorId = `${name}-error`;
  return (
    <fieldset className="mb-4">
      <legend className="h5">{label}</legend>
      {current ? (
        <p>
          <img src={current} alt={t(`letterhead.${name}.current`)} style={{ maxHeight: 80, maxWidth: "100%" }} />
        </p>
      ) : (
        <p>{t("letterhead.none")}</p>
      )}
      <div className="mb-2">
        <label htmlFor={name} className="form-label">
          {t("letterhead.upload")}
        </label>
        <input
          id={name}
          name={name}
          type="file"
          accept="image/png,image/jpeg"
          onChange={limitSize}
          className={`form-control${error ? " is-invalid" : ""}`}
          aria-describedby={`${hintId}${error ? ` ${errorId}` : ""}`}
          aria-invalid={error ? true : undefined}
        />
        <small id={hintId} className="form-text d-block">
          {t("letterhead.imageHint", ERROR_VALUES)}
        </small>
        {error ? (
          <div id={errorId} className="field-error">
            {t(error as MessageKey, ERROR_VALUES)}
          </div>
        ) : null}
      </div>
      {current ? (
        <div className="form-check">
          <input type="checkbox" id={removeName} name={removeName} />
          <label htmlFor={removeName}>{t("letterhead.remove")}</label>
        </div>
      ) : null}
    </fieldset>
  );
}

export default function LetterheadPage() {
  const { letterhead } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const successInUrl = useSuccessInUrl();
  const navigation = useNavigation();
  const t = useT();
  const errors = (actionData?.errors ?? []).map((e) => t(e as MessageKey, ERROR_VALUES));
  return (
    <div className="row">
      <div className="col-lg-8">
        <p className="mb-1">
          <Link to="/profilo">← {t("letterhead.back")}</Link>
        </p>
        <h1>{t("letterhead.title")}</h1>
        <p>{t("letterhead.intro")}</p>
        {successInUrl("fatto") ? <OutcomeNotice>{t("letterhead.saved")}</OutcomeNotice> : null}
        {errors.length ? <FormErrorSummary errors={errors} /> : null}
        <Form method="post" encType="multipart/form-data">
          <ImageField
            name="logo"
            label={t("letterhead.logo")}
            current={letterhead.logo}
            removeName="removeLogo"
            error={actionData?.fields.logo}
          />
          <fieldset className="mb-4">
            <legend className="h5">{t("letterhead.signatory")}</legend>
            <div className="form-group">
              <label htmlFor="signatoryName" className="active">
                {t("letterhead.signatoryName")}
              </label>
              <input
                id="signatoryName"
                name="signatoryName"
                className="form-control"
                maxLength={LETTERHEAD_TEXT_MAX}
                defaultValue={actionData?.typed?.signatoryName ?? letterhead.signatoryName}
                autoComplete="off"
              />
            </div>
            <div className="form-group">
              <label htmlFor="signatoryRole" className="active">
                {t("letterhead.signatoryRole")}
              </label>
              <input
                id="signatoryRole"
                name="signatoryRole"
                className="form-control"
                maxLength={LETTERHEAD_TEXT_MAX}
                defaultValue={actionData?.typed?.signatoryRole ?? letterhead.signatoryRole}
                autoComplete="organization-title"
              />
            </div>
          </fieldset>
          <ImageField
            name="signature"
            label={t("letterhead.signature")}
            current={letterhead.signature}
            removeName="removeSignature"
            error={actionData?.fields.signature}
          />
          <button type="submit" className="btn btn-primary" disabled={navigation.state !== "idle"}>
            {t("letterhead.save")}
          </button>
        </Form>
      </div>
    </div>
  );
}

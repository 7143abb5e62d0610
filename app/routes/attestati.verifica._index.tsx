// Public: type a certificate's verification code (a GET form: nothing changes) and open its page.
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { VerifyCertificateForm as VerifyForm } from "~/components/verify-certificate-form.tsx";
import { normaliseCertificateCode, verificationPath } from "~/domain/certificate.ts";
import { useT } from "~/i18n/i18n.tsx";
import { unindexedPageMeta } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => unindexedPageMeta(matches, "title.certificateVerify");

export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("codice");
  if (typed === null) return { typed: "", invalid: false };
  const code = normaliseCertificateCode(typed);
  if (code) throw redirect(verificationPath(code));
  return { typed: typed.slice(0, 40), invalid: true };
}

export default function VerifyCertificateForm() {
  const { typed, invalid } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="container my-4">
      <h1>{t("certificates.verify.title")}</h1>
      <p>{t("certificates.verify.intro")}</p>
      <VerifyForm typed={typed} invalid={invalid} />
    </div>
  );
}

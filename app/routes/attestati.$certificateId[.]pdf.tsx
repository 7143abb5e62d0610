// The teacher's own certificate, the official Italian document (app/utils/certificate-download.server.ts: only its
// holder, only while valid, after the questionnaire; a refusal says why, ADR 0092).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificateDownload } from "~/utils/certificate-download.server.ts";

export function loader(args: LoaderFunctionArgs) {
  return certificateDownload(args, "it");
}

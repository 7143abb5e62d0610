// The English rendering of the teacher's own certificate (ADR 0096), for readers abroad: the same guard as the
// official Italian one (app/utils/certificate-download.server.ts), so a revoked or another person's certificate is
// refused in the same words.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificateDownload } from "~/utils/certificate-download.server.ts";

export function loader(args: LoaderFunctionArgs) {
  return certificateDownload(args, "en");
}

// Forms that carry a file (the webinar report, an external training certificate): a multipart body
// is read in memory with a cap per part; anything else is an ordinary form.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { cleanFormData, formContentType, malformedForm, readForm } from "./form-data.server.ts";
import { getLocale } from "./locale.server.ts";

/** The posted form, or "too-large" when a part goes over maxPartBytes (answer 413 with the page's message). */
export async function readUploadForm(request: Request, maxPartBytes: number): Promise<FormData | "too-large"> {
  if (formContentType(request) !== "multipart/form-data") return readForm(request);
  try {
    return cleanFormData(
      await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxPartBytes })),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "too-large";
    // A truncated or malformed multipart body (readForm's answer for ordinary forms).
    throw malformedForm(await getLocale(request));
  }
}

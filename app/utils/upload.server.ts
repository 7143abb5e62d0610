// Forms that carry a file (the webinar report, an external training certificate): a multipart body
// is read in memory with a cap per part; anything else is an ordinary form.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";

/** The posted form, or "too-large" when a part goes over maxPartBytes (answer 413 with the page's message). */
export async function readUploadForm(request: Request, maxPartBytes: number): Promise<FormData | "too-large"> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return request.formData();
  try {
    return await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxPartBytes }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "too-large";
    throw error;
  }
}

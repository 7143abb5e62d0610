import { useActionData, useSearchParams } from "@remix-run/react";

/**
 * A page's success messages come from the URL its action redirected to (`?fatto=`, `?esito=`,
 * `?salvato=`…), so a reload or a shared link still says what was done. The URL keeps that success
 * after the page's next request, though: when that request is refused (the action answers with data,
 * not a redirect), the earlier success is no longer what just happened, and showing it beside the
 * error tells the person the opposite of the truth. This reads the URL's success only while no action
 * has answered on the page.
 */
export function useSuccessInUrl(): (name: string) => string | null {
  const actionData = useActionData();
  const [params] = useSearchParams();
  return (name) => (actionData === undefined ? params.get(name) : null);
}

// The language of a document rendered without the root loader's data (app/i18n/document-locale.tsx):
// a form posted without JavaScript whose action threw a refusal (403, 404, 415, 400) is answered with the error page,
// and Remix runs no loader at or below the error's boundary, the root: an English reader was shown the Italian error
// page (title, heading, text, menu and footer, <html lang="it">). Chosen as the root loader chooses: the request's
// ?lang=, its language cookie, then the account's preference.
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import type { Locale } from "~/domain/vocabulary.ts";
import { getSessionUser } from "./auth.server.ts";
import { getLocale } from "./locale.server.ts";

/**
 * Whether the document is drawn without the root loader's data (its loader did not run, or failed): Remix's single
 * fetch gives a loader that did not run null, not undefined.
 */
export function lacksRootData(context: EntryContext): boolean {
  return context.staticHandlerContext.loaderData.root == null;
}

/**
 * The request's language as the root loader would say it; without the account's preference when the database is
 * known to be away (the server answers its own 503 page then: no lookup to wait for) or the lookup fails.
 */
export async function documentLocale(request: Request, context: AppLoadContext): Promise<Locale> {
  let accountLocale: string | null = null;
  if (!context.forma?.databaseUnavailable) {
    try {
      accountLocale = (await getSessionUser(request))?.locale ?? null;
    } catch {
      // The session cannot be read: the request alone says the language.
    }
  }
  return getLocale(request, accountLocale);
}

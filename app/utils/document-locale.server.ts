// The language and the signed-in person of a document rendered without the root loader's data
// (app/i18n/document-locale.tsx): a form posted without JavaScript whose action threw a refusal (403, 404, 415, 400)
// or failed is answered with the error page, and Remix runs no loader at or below the error's boundary, the root: an
// English reader was shown the Italian error page (title, heading, text, menu and footer, <html lang="it">), and a
// person signed in the signed-out menu ("Accedi", no "Esci", no role links), as if signed out. Both are read as the
// root loader reads them: the language from the request's ?lang=, its language cookie, then the account's preference;
// the person from the session, shaped by the root loader's own rootUser.
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import type { Locale } from "~/domain/vocabulary.ts";
import { getSessionUser, type SessionUser } from "./auth.server.ts";
import { getLocale } from "./locale.server.ts";
import { rootUser, type RootUser } from "./root-user.server.ts";

/**
 * Whether the document is drawn without the root loader's data (its loader did not run, or failed): Remix's single
 * fetch gives a loader that did not run null, not undefined.
 */
export function lacksRootData(context: EntryContext): boolean {
  return context.staticHandlerContext.loaderData.root == null;
}

/** What the chrome of a document without the root loader's data says: the language and the person signed in. */
export type DocumentChrome = { locale: Locale; user: RootUser | null };

/**
 * The request's language and signed-in person as the root loader would say them; without the session when the
 * database is known to be away (the server answers its own 503 page then: no lookup to wait for) or its lookup fails:
 * the error page is drawn anyway, signed out, in the request's language.
 */
export async function documentChrome(request: Request, context: AppLoadContext): Promise<DocumentChrome> {
  let user: SessionUser | null = null;
  if (!context.forma?.databaseUnavailable) {
    try {
      user = await getSessionUser(request);
    } catch {
      // The session cannot be read: the request alone says the language, and the menu is the signed-out one.
    }
  }
  return { locale: await getLocale(request, user?.locale ?? null), user: user ? rootUser(user) : null };
}

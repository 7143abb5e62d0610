import { siteContacts } from "~/utils/site-contacts.server.ts";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import bootstrapItaliaHref from "bootstrap-italia/dist/css/bootstrap-italia.min.css?url";
import { LocaleProvider, translator, useLocale, useT } from "~/i18n/i18n.tsx";
import { documentUserAttributes, useDocumentChrome } from "~/i18n/document-locale.tsx";
import type { Locale } from "~/domain/vocabulary.ts";
import { it as messagesIt, type MessageKey } from "~/i18n/messages.ts";
import { SiteHeader } from "~/components/layout/site-header.tsx";
import { SiteFooter } from "~/components/layout/site-footer.tsx";
import { NavigationFocus } from "~/components/layout/navigation-focus.tsx";
import { EmailRefusedNotice } from "~/components/email-refused-notice.tsx";
import { IdleSessionDialog } from "~/components/idle-session-dialog.tsx";
import { getSessionUser } from "~/utils/auth.server.ts";
import { rootUser } from "~/utils/root-user.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { useNonce } from "~/utils/nonce.tsx";
import fontsHref from "~/styles/fonts.css?url";
import appCssHref from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: bootstrapItaliaHref },
  { rel: "stylesheet", href: fontsHref },
  { rel: "stylesheet", href: appCssHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!error) return [{ title: "Forma" }];
  // Without the root loader's data (an action's refusal to a form posted without JavaScript, a root loader that
  // failed) the Layout writes the title, in the document's language, which a meta function cannot read.
  if (!data) return [];
  return [{ title: errorTitle(error, data.locale) }];
};

/** The error page's title in `locale`. */
function errorTitle(error: unknown, locale: Locale): string {
  return `${translator(locale)(errorKeys(error).title)} · Forma`;
}

/** The error page's title and text keys for what a loader or action threw. */
function errorKeys(error: unknown): { title: MessageKey; text: MessageKey } {
  if (isRouteErrorResponse(error) && error.status === 404)
    return { title: "common.notFound", text: "common.notFoundText" };
  if (isRouteErrorResponse(error) && error.status === 403)
    return { title: "common.forbidden", text: "common.forbiddenText" };
  return { title: "common.error", text: "common.errorText" };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getSessionUser(request, context);
  const locale = await getLocale(request, user?.locale);
  return {
    locale,
    /**
     * The page is the answer of an action to a form sent without JavaScript (not a redirect): a success the URL still
     * carries from before is not what just happened, and the title does not say it (pageTitle's `outcome`).
     */
    answersSubmission: context?.forma?.submission === true,
    /** The service's contact addresses (settings, ADR 0104): the footer and the legal pages show them. */
    contacts: siteContacts(),
    user: user ? rootUser(user) : null,
  };
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>;

export function useOptionalRootData(): RootLoaderData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useOptionalRootData();
  // Without the root loader's data the document's language and signed-in person come from the request
  // (app/i18n/document-locale.tsx): an English reader whose form, posted without JavaScript, was refused read the
  // Italian error page, and a person signed in its signed-out menu.
  const chrome = useDocumentChrome();
  const locale = data?.locale ?? chrome.locale;
  const user = data ? data.user : chrome.user;
  const error = useRouteError();
  const t = translator(locale);
  const nonce = useNonce();
  return (
    <html lang={locale} {...(data ? {} : documentUserAttributes(user))}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {!data && error !== undefined ? <title>{errorTitle(error, locale)}</title> : null}
        <Links />
      </head>
      <body>
        <LocaleProvider locale={locale}>
          <div className="skiplink">
            <a className="visually-hidden-focusable" href="#main-content">
              {t("nav.skipToContent")}
            </a>
          </div>
          <SiteHeader user={user} />
          <main id="main-content" className="container my-4" tabIndex={-1}>
            {user?.emailRefusedAt ? <EmailRefusedNotice email={user.email} refusedAt={user.emailRefusedAt} /> : null}
            {children}
          </main>
          <SiteFooter />
          {user && user.idleSecondsLeft !== null ? (
            <IdleSessionDialog userId={user.id} secondsLeft={user.idleSecondsLeft} />
          ) : null}
          <NavigationFocus mainId="main-content" />
        </LocaleProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const locale = useLocale();
  const keys = errorKeys(error);
  const title = t(keys.title);
  let text = t(keys.text);
  // A refusal may say why (403): the message key is translated; a plain sentence written in
  // Italian by the server is shown only in the Italian interface, the generic text otherwise.
  if (isRouteErrorResponse(error) && error.status === 403 && typeof error.data === "string" && error.data) {
    if (error.data in messagesIt) text = t(error.data as MessageKey);
    else if (locale === "it" && error.data !== "Forbidden") text = error.data;
  }
  return (
    <div>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <Link to="/eventi">{t("common.backToCatalogue")}</Link>
      </p>
    </div>
  );
}

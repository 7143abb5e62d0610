import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import bootstrapItaliaHref from "bootstrap-italia/dist/css/bootstrap-italia.min.css?url";
import { LocaleProvider, translator, useLocale, useT } from "~/i18n/i18n.tsx";
import { actorOf, getSessionUser } from "~/utils/auth.server.ts";
import { isNationalUnit, isOrganiser, isTrainer } from "~/domain/permissions.ts";
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

export const meta: MetaFunction = () => [{ title: "Forma" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const locale = await getLocale(request, user?.locale);
  const actor = user ? actorOf(user) : null;
  return {
    locale,
    user: user
      ? {
          id: user.id,
          name: `${user.firstName} ${user.lastName}`,
          isOrganiser: isOrganiser(actor!),
          isNationalUnit: isNationalUnit(actor!),
          isTrainer: isTrainer(actor!),
        }
      : null,
  };
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>;

export function useOptionalRootData(): RootLoaderData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

function NavItem({ to, label }: { to: string; label: string }) {
  return (
    <li className="nav-item">
      <NavLink className="nav-link" to={to}>
        <span>{label}</span>
      </NavLink>
    </li>
  );
}

function SiteHeader() {
  const data = useOptionalRootData();
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const user = data?.user ?? null;
  const here = `${location.pathname}${location.search}`;
  return (
    <header className="it-header-wrapper">
      <div className="it-header-slim-wrapper">
        <div className="container">
          <div className="row">
            <div className="col-12">
              <div className="it-header-slim-wrapper-content">
                <span className="d-lg-block navbar-brand">{t("app.owner")}</span>
                <div className="it-header-slim-right-zone">
                  <Form method="post" action="/lingua" className="d-inline">
                    <input type="hidden" name="locale" value={locale === "it" ? "en" : "it"} />
                    <input type="hidden" name="redirectTo" value={here} />
                    <button
                      type="submit"
                      className="btn btn-link text-white p-0 me-3"
                      lang={locale === "it" ? "en" : "it"}
                      aria-label={t("nav.switchToOtherLabel")}
                    >
                      {t("nav.switchToOther")}
                    </button>
                  </Form>
                  {user ? (
                    <Form method="post" action="/esci" className="d-inline">
                      <span className="text-white me-2 d-none d-md-inline">
                        {t("nav.signedInAs", { name: user.name })}
                      </span>
                      <button type="submit" className="btn btn-primary btn-sm">
                        {t("nav.logout")}
                      </button>
                    </Form>
                  ) : (
                    <Link to={`/accedi?redirectTo=${encodeURIComponent(here)}`} className="btn btn-primary btn-sm">
                      {t("nav.login")}
                    </Link>
                  )}
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div className="it-header-center-wrapper">
        <div className="container">
          <div className="row">
            <div className="col-12">
              <div className="it-header-center-content-wrapper">
                <div className="it-brand-wrapper">
                  <Link to="/">
                    <div className="it-brand-text">
                      <div className="it-brand-title">{t("app.name")}</div>
                      <div className="it-brand-tagline d-none d-md-block">{t("app.tagline")}</div>
                    </div>
                  </Link>
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div className="it-header-navbar-wrapper">
        <div className="container">
          <div className="row">
            <div className="col-12">
              <nav className="navbar navbar-expand-lg has-megamenu" aria-label={t("nav.mainMenu")}>
                <div className="navbar-collapsable d-block position-static" style={{ display: "block" }}>
                  <div className="menu-wrapper">
                    <ul className="navbar-nav">
                      <NavItem to="/eventi" label={t("nav.catalogue")} />
                      {user ? <NavItem to="/le-mie-iscrizioni" label={t("nav.myEnrolments")} /> : null}
                      {user ? <NavItem to="/il-mio-piano" label={t("nav.myPlan")} /> : null}
                      {user ? <NavItem to="/profilo" label={t("nav.profile")} /> : null}
                      {user?.isTrainer || user?.isOrganiser ? (
                        <NavItem to="/formazione" label={t("nav.registers")} />
                      ) : null}
                      {user?.isOrganiser ? <NavItem to="/gestione/eventi" label={t("nav.organiser")} /> : null}
                      {user?.isNationalUnit ? <NavItem to="/admin/utenti" label={t("nav.admin")} /> : null}
                      {!user ? <NavItem to="/registrati" label={t("nav.signup")} /> : null}
                    </ul>
                  </div>
                </div>
              </nav>
            </div>
          </div>
        </div>
      </div>
    </header>
  );
}

function SiteFooter() {
  const t = useT();
  return (
    <footer className="it-footer mt-5">
      <div className="it-footer-main">
        <div className="container py-4">
          <p className="mb-0 text-white">{t("footer.text")}</p>
        </div>
      </div>
    </footer>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useOptionalRootData();
  const locale = data?.locale ?? "it";
  const t = translator(locale);
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <LocaleProvider locale={locale}>
          <div className="skiplink">
            <a className="visually-hidden-focusable" href="#main-content">
              {t("nav.skipToContent")}
            </a>
          </div>
          <SiteHeader />
          <main id="main-content" className="container my-4" tabIndex={-1}>
            {children}
          </main>
          <SiteFooter />
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
  let title = t("common.error");
  let text = t("common.errorText");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("common.notFound");
      text = t("common.notFoundText");
    } else if (error.status === 403) {
      title = t("common.forbidden");
      text = typeof error.data === "string" && error.data ? error.data : t("common.forbiddenText");
    }
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

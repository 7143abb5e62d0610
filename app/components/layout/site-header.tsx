// The site header, in Bootstrap Italia's markup: slim bar (organisation, language, sign in/out),
// centre (logo slot and service name) and the main menu, which below 992 px collapses behind a
// visible toggle and opens with Bootstrap Italia's own NavBarCollapsible script (a .client
// module). Links in the closed menu are display:none, so Tab never lands on an invisible link.
// The brand and the menu depend on the language and the visitor's menu only: on the server their
// HTML is rendered once per key (MarkupOnce, ADR 0043); the slim bar (name, this page's address)
// is rendered for each request.
import { Form } from "@remix-run/react";
import { useEffect, useRef, type ReactNode, type RefObject } from "react";
import spritesHref from "bootstrap-italia/dist/svg/sprites.svg?url";
import { useLocale, useT, type Translate } from "~/i18n/i18n.tsx";
import { hideNavbar } from "~/utils/bootstrap-italia.client.ts";
import { signInPath } from "~/utils/sign-in-link.ts";
import { ChromeLink, ChromeNavLink, navLinkState, useChromeNav, type ChromeNav } from "./chrome-link.tsx";
import { MarkupOnce } from "./markup-once.tsx";

export type HeaderUser = {
  name: string;
  isOrganiser: boolean;
  isNationalUnit: boolean;
  isTrainer: boolean;
};

/** The logo slot: replace public/logo.svg with the organisation's logo. */
export const LOGO_SRC = "/logo.svg";

export function Icon({ name, className = "icon" }: { name: string; className?: string }) {
  return (
    <svg className={className} aria-hidden="true" focusable="false">
      <use href={`${spritesHref}#${name}`} />
    </svg>
  );
}

/** The logo and the service's name, a link to the home page (the header's and the footer's). */
export function BrandLink({ nav, size, children }: { nav: ChromeNav; size: number; children: ReactNode }) {
  return (
    <div className="it-brand-wrapper">
      <ChromeLink nav={nav} to="/">
        <img className="icon site-logo" src={LOGO_SRC} alt="" width={size} height={size} />
        <div className="it-brand-text">{children}</div>
      </ChromeLink>
    </div>
  );
}

/** Bootstrap Italia's full-width row of a header band. */
function BandRow({ children }: { children: ReactNode }) {
  return (
    <div className="container">
      <div className="row">
        <div className="col-12">{children}</div>
      </div>
    </div>
  );
}

function NavItem({ nav, to, label }: { nav: ChromeNav; to: string; label: string }) {
  return (
    <li className="nav-item">
      <ChromeNavLink nav={nav} className="nav-link" to={to}>
        <span>{label}</span>
      </ChromeNavLink>
    </li>
  );
}

const MENU_ID = "main-menu";

/** The main menu's entries for this visitor (the collapsible menu and its no-JavaScript fallback). */
function menuItems(user: HeaderUser | null, t: Translate): { to: string; label: string }[] {
  return [
    { to: "/eventi", label: t("nav.catalogue") },
    ...(user
      ? [
          { to: "/le-mie-iscrizioni", label: t("nav.myEnrolments") },
          { to: "/il-mio-piano", label: t("nav.myPlan") },
          { to: "/profilo", label: t("nav.profile") },
        ]
      : []),
    ...(user?.isTrainer || user?.isOrganiser ? [{ to: "/formazione", label: t("nav.registers") }] : []),
    ...(user?.isOrganiser ? [{ to: "/gestione/eventi", label: t("nav.organiser") }] : []),
    ...(user?.isOrganiser ? [{ to: "/cruscotto", label: t("nav.dashboard") }] : []),
    ...(user?.isNationalUnit ? [{ to: "/admin/utenti", label: t("nav.admin") }] : []),
    ...(!user ? [{ to: "/registrati", label: t("nav.signup") }] : []),
  ];
}

export function SiteHeader({ user }: { user: HeaderUser | null }) {
  const t = useT();
  const locale = useLocale();
  const nav = useChromeNav();
  const { location } = nav;
  const menu = useRef<HTMLDivElement>(null);
  const here = `${location.pathname}${location.search}`;
  const items = menuItems(user, t);

  // A link in the open menu navigates on the client (even to the page already shown): close the
  // menu after every navigation.
  useEffect(() => {
    hideNavbar(menu.current);
  }, [location.key]);

  return (
    <header className="it-header-wrapper">
      <div className="it-header-slim-wrapper">
        <BandRow>
          <div className="it-header-slim-wrapper-content">
            <span className="navbar-brand site-owner">{t("app.owner")}</span>
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
                  <span className="text-white me-2 d-none d-md-inline">{t("nav.signedInAs", { name: user.name })}</span>
                  <button type="submit" className="btn btn-primary btn-sm">
                    {t("nav.logout")}
                  </button>
                </Form>
              ) : (
                <ChromeLink nav={nav} to={signInPath(here)} className="btn btn-primary btn-sm">
                  {t("nav.login")}
                </ChromeLink>
              )}
            </div>
          </div>
        </BandRow>
      </div>
      <div className="it-nav-wrapper">
        <MarkupOnce tag="div" className="it-header-center-wrapper" markupKey={`header-centre|${locale}`}>
          <HeaderCentre t={t} nav={nav} />
        </MarkupOnce>
        <MarkupOnce tag="div" className="it-header-navbar-wrapper" markupKey={menuKey(locale, items, nav)}>
          <HeaderMenu t={t} nav={nav} items={items} menu={menu} />
        </MarkupOnce>
      </div>
    </header>
  );
}

/** The brand (logo, name, tagline): its markup depends on the language alone. */
function HeaderCentre({ t, nav }: { t: Translate; nav: ChromeNav }) {
  return (
    <BandRow>
      <div className="it-header-center-content-wrapper">
        <BrandLink nav={nav} size={82}>
          <div className="it-brand-title">{t("app.name")}</div>
          <div className="it-brand-tagline d-none d-md-block">{t("app.tagline")}</div>
        </BrandLink>
      </div>
    </BandRow>
  );
}

type MenuItem = { to: string; label: string };

/** What the menu's markup depends on: the language, its entries, and which is active or pending. */
function menuKey(locale: string, items: MenuItem[], nav: ChromeNav): string {
  const entries = items.map(({ to }) => {
    const { isActive, isPending } = navLinkState(nav, to);
    return `${to}${isActive ? "+active" : ""}${isPending ? "+pending" : ""}`;
  });
  return `header-menu|${locale}|${entries.join(" ")}`;
}

/** The main menu (collapsible, with its no-JavaScript fallback); `menu` is the browser's handle. */
function HeaderMenu({
  t,
  nav,
  items,
  menu,
}: {
  t: Translate;
  nav: ChromeNav;
  items: MenuItem[];
  menu: RefObject<HTMLDivElement>;
}) {
  return (
    <BandRow>
      <nav className="navbar navbar-expand-lg has-megamenu" aria-label={t("nav.mainMenu")}>
        {/* Without JavaScript (the toggle below needs Bootstrap Italia's script), a plain
                disclosure opens the same menu below 992 px; app.css hides the useless toggle. */}
        <noscript>
          <details className="nojs-menu d-lg-none">
            {/* The burger where Bootstrap Italia's toggle sits: a visible sentence there ran under the logo. */}
            <summary aria-label={t("nav.openMenu")}>
              <Icon name="it-burger" />
            </summary>
            <ul className="list-unstyled mb-0">
              {items.map((item) => (
                <li key={item.to}>
                  <a href={item.to}>{item.label}</a>
                </li>
              ))}
            </ul>
          </details>
        </noscript>
        <button
          className="custom-navbar-toggler"
          type="button"
          aria-controls={MENU_ID}
          aria-expanded="false"
          aria-label={t("nav.openMenu")}
          data-bs-toggle="navbarcollapsible"
          data-bs-target={`#${MENU_ID}`}
        >
          <Icon name="it-burger" />
        </button>
        <div className="navbar-collapsable" id={MENU_ID} ref={menu} aria-label={t("nav.mainMenu")}>
          <div className="overlay" />
          <div className="close-div">
            <button className="btn close-menu" type="button">
              <span className="visually-hidden">{t("nav.closeMenu")}</span>
              <Icon name="it-close-big" />
            </button>
          </div>
          <div className="menu-wrapper">
            <ul className="navbar-nav">
              {items.map((item) => (
                <NavItem key={item.to} nav={nav} to={item.to} label={item.label} />
              ))}
            </ul>
          </div>
        </div>
      </nav>
    </BandRow>
  );
}

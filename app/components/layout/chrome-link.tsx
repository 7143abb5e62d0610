// The links of the site header and footer (ADR 0027). Every page renders 7 to 13 of them, and each
// Remix <Link>/<NavLink> runs a dozen router hooks (href and path resolution against the matches,
// a click handler with its own navigate, prefetch state, the navigation's pending state): on the
// server that is work repeated for every link of every page, for links whose targets are fixed
// absolute paths. Here the header and the footer ask the router once (useChromeNav) and each link
// is a plain <a> with the very markup Remix renders (data-discover for lazy route discovery,
// NavLink's "active"/"pending" classes and aria-current) and the same click behaviour (a
// client-side navigation on a plain left click; the browser's own for a modified click).
import { useLocation, useNavigate, useNavigation, type Location } from "@remix-run/react";
import type { MouseEvent, ReactNode } from "react";

export type ChromeNav = {
  location: Location;
  /** The pathname being navigated to, while a navigation is pending. */
  nextPathname: string | null;
  navigate: ReturnType<typeof useNavigate>;
};

/** The router state the chrome's links need, read once per header or footer. */
export function useChromeNav(): ChromeNav {
  const location = useLocation();
  const navigation = useNavigation();
  const navigate = useNavigate();
  return {
    location,
    nextPathname: navigation.location?.pathname ?? null,
    navigate,
  };
}

/** React Router's rule: a plain left click, without modifier keys, navigates on the client. */
function plainLeftClick(event: MouseEvent<HTMLElement>): boolean {
  return !(
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.altKey ||
    event.ctrlKey ||
    event.shiftKey
  );
}

/** Like <Link>: a link to the page already shown replaces the history entry. */
function navigateLikeLink(nav: ChromeNav, to: string) {
  const { pathname, search, hash } = nav.location;
  nav.navigate(to, { replace: `${pathname}${search}${hash}` === to });
}

function followOnClient(nav: ChromeNav, to: string) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    if (!plainLeftClick(event)) return;
    event.preventDefault();
    navigateLikeLink(nav, to);
  };
}

/**
 * For markup the browser keeps as the server wrote it, with no React element behind each link (the
 * catalogue's cards, ADR 0052): one click handler on the container gives each of its links written as
 * Remix's <Link> (`<a data-discover="true" href="/…">`, no target) <Link>'s click behaviour.
 */
export function followWrittenLinksOnClient(nav: ChromeNav) {
  return (event: MouseEvent<HTMLElement>) => {
    if (!plainLeftClick(event) || !(event.target instanceof Element)) return;
    const link = event.target.closest("a[data-discover][href]");
    if (!link || !event.currentTarget.contains(link) || link.hasAttribute("target")) return;
    const to = link.getAttribute("href")!;
    if (!to.startsWith("/") || to.startsWith("//")) return;
    event.preventDefault();
    navigateLikeLink(nav, to);
  };
}

/** A link of the chrome: an absolute path ("/…", optionally with a query), read from the router once. */
type ChromeLinkProps = { nav: ChromeNav; to: string; className?: string; children: ReactNode };

/** <Link to> for an absolute path. */
export function ChromeLink({ nav, to, className, children }: ChromeLinkProps) {
  return (
    <a className={className} data-discover="true" href={to} onClick={followOnClient(nav, to)}>
      {children}
    </a>
  );
}

/** The pathname part of an absolute path. */
function pathnameOf(to: string): string {
  const end = to.search(/[?#]/);
  return end === -1 ? to : to.slice(0, end);
}

/** React Router's NavLink rule (without `end`, case-insensitive): the link's pathname or below it. */
function isWithin(pathname: string, target: string, slashAt: number): boolean {
  const current = pathname.toLowerCase();
  const own = target.toLowerCase();
  return current === own || (current.startsWith(own) && current.charAt(slashAt) === "/");
}

/** Whether a NavLink to `to` is the page shown (active) or the one being navigated to (pending). */
export function navLinkState(nav: ChromeNav, to: string): { isActive: boolean; isPending: boolean } {
  const target = pathnameOf(to);
  const endSlash = target !== "/" && target.endsWith("/") ? target.length - 1 : target.length;
  return {
    isActive: isWithin(nav.location.pathname, target, endSlash),
    isPending: nav.nextPathname !== null && isWithin(nav.nextPathname, target, target.length),
  };
}

/** <NavLink to className> for an absolute path: "active" and aria-current="page" on its own pages. */
export function ChromeNavLink({ nav, to, className, children }: ChromeLinkProps) {
  const { isActive, isPending } = navLinkState(nav, to);
  const classes = [className, isActive ? "active" : null, isPending ? "pending" : null].filter(Boolean).join(" ");
  return (
    <a
      data-discover="true"
      aria-current={isActive ? "page" : undefined}
      className={classes}
      href={to}
      onClick={followOnClient(nav, to)}
    >
      {children}
    </a>
  );
}

// Where the keyboard focus goes after a client-side navigation (WCAG 2.4.3, 4.1.3). A page the
// browser loads starts at its top and a link to `#id` focuses that element; a navigation of the
// router does neither: the link or button that led there is gone, focus falls back to <body>, a
// screen reader hears nothing of the new page, and the next Tab starts in the header. So, after the
// router moves to another address:
//  - with a `#id` that names an element (the confirmation steps' headings, a section after a
//    form), focus goes there, as the browser's own fragment navigation would do;
//  - on another page (a new pathname), focus goes to the page's <h1>, whose name a screen reader
//    reads, and Tab continues from the page's content;
//  - on the same page (a form sent to the page itself, the catalogue's filters, a list's page),
//    focus stays where it is; if it was lost (a submit button is disabled while its form is being
//    sent, and a disabled element loses the focus), it goes back to the element that lost it,
//    enabled again by now, next to the outcome the page shows (or to the element that replaced it
//    under the same id, when the page drew its form anew), or to the <h1> if that is gone.
// Focus that a page's own code has already put somewhere (a dialog's heading, an error summary)
// on this navigation is left alone.
//
// The outcome of what the person did ("Iscrizione annullata.", "Ruolo assegnato.") is a
// role="status" alert that the new page renders already filled: a live region that appears with
// its text is not announced by most screen readers (they announce changes to a region already in
// the page), and the heading that takes the focus names the page, not the outcome. So after every
// navigation the text of the role="status" alerts that were not in <main> before it is also put in
// one polite live region that is always in the page (rendered here, empty, from the server on);
// the screen reader reads it after the focused heading. After a form that changed something, the
// same outcome again ("Profilo aggiornato." after a second save) is repeated there too: its own
// live region did not change, so nothing else would say the save happened. Found driving the enrolment, cancellation
// and admin pages with the keyboard and a screen reader, 04/12/2026.
//
// A page that shows its outcome in an OutcomeNotice (app/components/outcome-notice.tsx: a region with a heading, as
// GOV.UK's success banner) gets it focused instead, after a form that changed something and unless the address names
// an element (`#id`: the page chose where the person goes on): the screen reader reads the notice where it is, Tab goes
// on from it, and it is not repeated in the live region. The page's title starts with the same outcome (pageTitle).
// Review of the teacher's pages, 07/12/2026 (WCAG 4.1.3).
import { useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/** The outcome notice (OutcomeNotice) among the new status messages, if any: the first one in the page. */
function outcomeNoticeOf(news: HTMLElement[]): HTMLElement | null {
  for (const status of news) {
    const notice = status.closest<HTMLElement>("[data-outcome-notice]");
    if (notice) return notice;
  }
  return null;
}

/** The status messages currently shown in `main`. */
function statusMessages(main: HTMLElement | null): HTMLElement[] {
  return main ? Array.from(main.querySelectorAll<HTMLElement>('[role="status"]')) : [];
}

function statusText(status: Element): string {
  return status.textContent?.replace(/\s+/g, " ").trim() ?? "";
}

/**
 * Whether a status message after a navigation tells something new: a message that was not in the
 * page before it; or, after a form that changed something, the same message again with the same
 * text ("Profilo aggiornato." after a second save), which the screen reader would not hear since
 * its live region did not change. A message whose text changed is read by the screen reader from
 * its own live region, so it is not repeated here.
 */
function isNews(status: Element, before: WeakMap<Element, string>, submitted: boolean): boolean {
  const earlier = before.get(status);
  return earlier === undefined || (submitted && earlier === statusText(status));
}

/** Focuses `element`, making it focusable from script only if it is not focusable already. */
function focusTarget(element: HTMLElement): HTMLElement {
  if (!element.hasAttribute("tabindex") && element.tabIndex < 0) element.setAttribute("tabindex", "-1");
  element.focus({ preventScroll: true });
  return element;
}

export function NavigationFocus({ mainId }: { mainId: string }) {
  const location = useLocation();
  const navigation = useNavigation();
  /** The status messages in the page when the last navigation started, with their text then. */
  const shown = useRef<WeakMap<Element, string>>(new WeakMap());
  /** Whether the navigation under way sends a form that changes something (not a search). */
  const submitted = useRef(false);
  const announcer = useRef<HTMLDivElement>(null);
  const announceTimer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    if (navigation.state === "idle") return;
    if (navigation.formMethod && navigation.formMethod.toUpperCase() !== "GET") submitted.current = true;
    for (const status of statusMessages(document.getElementById(mainId))) {
      if (!shown.current.has(status)) shown.current.set(status, statusText(status));
    }
  }, [navigation.state, navigation.formMethod, mainId]);
  useEffect(() => () => clearTimeout(announceTimer.current), []);
  const previous = useRef<{ key: string; pathname: string } | null>(null);
  /** What this component focused last, to tell it from focus a page gave on its own. */
  const ours = useRef<Element | null>(null);
  /** The last element that lost the focus to nothing (disabled, removed, or the window left). */
  const dropped = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const onFocusOut = (event: FocusEvent) => {
      if (!event.relatedTarget && event.target instanceof HTMLElement) dropped.current = event.target;
    };
    document.addEventListener("focusout", onFocusOut, true);
    return () => document.removeEventListener("focusout", onFocusOut, true);
  }, []);
  useEffect(() => {
    const before = previous.current;
    previous.current = { key: location.key, pathname: location.pathname };
    // The first render (the server's page, hydrated) and a render without navigation: nothing to do.
    if (!before || before.key === location.key) return;
    const back = dropped.current;
    dropped.current = null;
    const sent = submitted.current;
    submitted.current = false;
    const statusesBefore = shown.current;
    shown.current = new WeakMap();
    const main = document.getElementById(mainId);
    if (!main) return;
    const newStatuses = statusMessages(main).filter(
      (status) => !status.closest("[hidden]") && isNews(status, statusesBefore, sent),
    );
    const hash = decodeURIComponent(location.hash.slice(1));
    // After a form that changed something, the outcome notice takes the focus, unless the address names an element.
    const notice = sent && !(hash && document.getElementById(hash)) ? outcomeNoticeOf(newStatuses) : null;
    const news = newStatuses
      .filter((status) => !notice?.contains(status))
      .map(statusText)
      .filter(Boolean);
    const region = announcer.current;
    clearTimeout(announceTimer.current);
    if (region) region.textContent = "";
    // Filled a moment later, after the focus has moved: a change the screen reader reads after the heading.
    if (region && news.length) announceTimer.current = setTimeout(() => (region.textContent = news.join(" ")), 150);
    moveFocus(main, { pathname: location.pathname, hash: location.hash }, before, back, ours, notice);
  }, [location.key, location.pathname, location.hash, mainId]);
  return <div ref={announcer} id="annuncio-esito" className="visually-hidden" aria-live="polite" aria-atomic="true" />;
}

/** Moves the focus after a navigation to `location` from `before` (see the top of this file). */
function moveFocus(
  main: HTMLElement,
  location: { pathname: string; hash: string },
  before: { pathname: string },
  back: HTMLElement | null,
  ours: { current: Element | null },
  notice: HTMLElement | null,
) {
  const focused = document.activeElement;
  const lost = !focused || focused === document.body;
  // A page's own effects ran before this one (children first): keep the focus they gave.
  const givenByPage =
    !lost && focused !== ours.current && main.contains(focused) && focused.getAttribute("tabindex") === "-1";
  if (givenByPage) return;
  if (notice) {
    ours.current = focusTarget(notice);
    // Brought into sight if the page opened elsewhere (instantly, or as the style's scroll-behavior says).
    const box = notice.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) notice.scrollIntoView({ block: "nearest" });
    return;
  }
  const hash = decodeURIComponent(location.hash.slice(1));
  const anchor = hash ? document.getElementById(hash) : null;
  if (anchor) {
    ours.current = focusTarget(anchor);
    return;
  }
  if (before.pathname === location.pathname) {
    if (!lost) return;
    // The element itself, or, when the page drew its form anew (the catalogue's filters after a search),
    // the element that took its place under the same id.
    const again = back && !back.isConnected && back.id ? document.getElementById(back.id) : back;
    if (again?.isConnected && !again.matches(":disabled")) {
      again.focus({ preventScroll: true });
      if (document.activeElement === again) return;
    }
  }
  ours.current = focusTarget(main.querySelector<HTMLElement>("h1") ?? main);
}

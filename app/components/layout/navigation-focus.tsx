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
//    enabled again by now, next to the outcome the page shows, or to the <h1> if that is gone.
// Focus that a page's own code has already put somewhere (a dialog's heading, an error summary)
// on this navigation is left alone.
import { useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/** Focuses `element`, making it focusable from script only if it is not focusable already. */
function focusTarget(element: HTMLElement): HTMLElement {
  if (!element.hasAttribute("tabindex") && element.tabIndex < 0) element.setAttribute("tabindex", "-1");
  element.focus({ preventScroll: true });
  return element;
}

export function NavigationFocus({ mainId }: { mainId: string }) {
  const location = useLocation();
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
    const main = document.getElementById(mainId);
    if (!main) return;
    const focused = document.activeElement;
    const lost = !focused || focused === document.body;
    // A page's own effects ran before this one (children first): keep the focus they gave.
    const givenByPage =
      !lost && focused !== ours.current && main.contains(focused) && focused.getAttribute("tabindex") === "-1";
    if (givenByPage) return;
    const hash = decodeURIComponent(location.hash.slice(1));
    const anchor = hash ? document.getElementById(hash) : null;
    if (anchor) {
      ours.current = focusTarget(anchor);
      return;
    }
    if (before.pathname === location.pathname) {
      if (!lost) return;
      if (back?.isConnected && !back.matches(":disabled")) {
        back.focus({ preventScroll: true });
        if (document.activeElement === back) return;
      }
    }
    ours.current = focusTarget(main.querySelector<HTMLElement>("h1") ?? main);
  }, [location.key, location.pathname, location.hash, mainId]);
  return null;
}

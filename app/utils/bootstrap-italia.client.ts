// Bootstrap Italia's own script for the header's collapsible menu (ADR 0005), loaded in the
// browser only (a .client module is empty on the server). Importing the plugin registers its
// data API: a click on [data-bs-toggle="navbarcollapsible"] opens the menu, with the plugin's
// focus trap, Escape to close and focus returned to the toggle.
import NavBarCollapsible from "bootstrap-italia/dist/plugins/navbar-collapsible.js";

/** Closes the menu if it is open (after a client-side navigation from one of its links). */
export function hideNavbar(element: HTMLElement | null) {
  if (!element) return;
  NavBarCollapsible.getInstance(element)?.hide();
}

// Bootstrap Italia's own script for the header's collapsible menu (ADR 0005), loaded in the
// browser only (a .client module is empty on the server). Importing the plugin registers its
// data API: a click on [data-bs-toggle="navbarcollapsible"] opens the menu, with the plugin's
// focus trap, Escape to close and focus returned to the toggle.
import NavBarCollapsible from "bootstrap-italia/dist/plugins/navbar-collapsible.js";

/** The plugin's event once its opening animation has ended (Bootstrap's EventHandler dispatches it natively). */
const SHOWN = "shown.bs.navbarcollapsible";

/**
 * Closes the menu if it is open (after a client-side navigation from one of its links). The plugin
 * ignores hide() while the menu is still opening (0.3 s): a link followed in that time would leave the
 * menu open over the new page, so the menu closes as soon as it has opened.
 */
export function hideNavbar(element: HTMLElement | null) {
  if (!element) return;
  const navbar = NavBarCollapsible.getInstance(element);
  if (!navbar) return;
  navbar.hide();
  // Still "expanded" after hide(): refused because the opening animation runs.
  if (element.classList.contains("expanded")) element.addEventListener(SHOWN, () => navbar.hide(), { once: true });
}

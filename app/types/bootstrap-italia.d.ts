// Bootstrap Italia's plugin types import the 'bootstrap' package, which Forma does not install:
// the little of the plugin that Forma calls, declared here.
declare module "bootstrap-italia/dist/plugins/navbar-collapsible.js" {
  export default class NavBarCollapsible {
    static getInstance(element: Element): NavBarCollapsible | null;
    static getOrCreateInstance(element: Element): NavBarCollapsible;
    show(relatedTarget?: Element): void;
    hide(): void;
    toggle(relatedTarget?: Element): void;
  }
}

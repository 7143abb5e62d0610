// Site frame: menu toggle, footer, breadcrumbs and the static pages (accessibility statement,
// privacy notice, legal notes).
export const it = {
  "nav.openMenu": "Apri il menu di navigazione",
  "nav.closeMenu": "Chiudi il menu di navigazione",
} as const;

export const en: Record<keyof typeof it, string> = {
  "nav.openMenu": "Open the navigation menu",
  "nav.closeMenu": "Close the navigation menu",
};

// Navigation between the national unit's /admin pages.
import { NavLink } from "@remix-run/react";
import { useT } from "~/i18n/i18n.tsx";

export function AdminNav() {
  const t = useT();
  const links = [
    { to: "/admin/utenti", label: t("admin.nav.users") },
    { to: "/admin/email", label: t("admin.nav.email") },
  ];
  return (
    <nav aria-label={t("admin.nav.label")} className="mb-3">
      <ul className="nav nav-tabs">
        {links.map((l) => (
          <li key={l.to} className="nav-item">
            <NavLink to={l.to} end className={({ isActive }) => `nav-link${isActive ? " active" : ""}`}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

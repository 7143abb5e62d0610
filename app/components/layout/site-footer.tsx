// The site footer in Bootstrap Italia's markup: the service and its owner, contacts, the legal
// pages (accessibility statement, privacy notice, legal notes).
// The same for every page in a language: on the server its HTML is rendered once per language
// (MarkupOnce, ADR 0043).
import { useLocale, useT, type Translate } from "~/i18n/i18n.tsx";
import { useRouteLoaderData } from "@remix-run/react";
import type { RootLoaderData } from "~/root.tsx";
import { ChromeLink, useChromeNav, type ChromeNav } from "./chrome-link.tsx";
import { MarkupOnce } from "./markup-once.tsx";
import { BrandLink } from "./site-header.tsx";

export function SiteFooter() {
  const t = useT();
  const locale = useLocale();
  const nav = useChromeNav();
  // The contact address is a setting, the same for every page of this server: part of the markup's key.
  const contactEmail = useRouteLoaderData<RootLoaderData>("root")?.contacts.email ?? null;
  return (
    <MarkupOnce
      tag="footer"
      className="it-footer mt-5"
      markupKey={contactEmail ? `footer|${locale}|${contactEmail}` : `footer|${locale}`}
    >
      <FooterContent t={t} nav={nav} contactEmail={contactEmail} />
    </MarkupOnce>
  );
}

/** What the footer holds: its markup depends on the language and the contact address alone (`nav` serves the clicks). */
function FooterContent({ t, nav, contactEmail }: { t: Translate; nav: ChromeNav; contactEmail: string | null }) {
  return (
    <>
      <div className="it-footer-main">
        <div className="container">
          <div className="row">
            <div className="col-12 footer-items-wrapper logo-wrapper">
              <BrandLink nav={nav} size={48}>
                <h2 className="no_toc">{t("app.name")}</h2>
                <h3 className="no_toc d-none d-md-block">{t("app.owner")}</h3>
              </BrandLink>
            </div>
          </div>
          <div className="row pb-4">
            <div className="col-md-6 pb-3">
              <h3 className="h4 footer-heading">{t("footer.contacts")}</h3>
              <p>{t("footer.text")}</p>
              {contactEmail ? (
                <p>
                  {t("footer.contactsText")} <a href={`mailto:${contactEmail}`}>{contactEmail}</a>
                </p>
              ) : null}
            </div>
            <div className="col-md-6 pb-3">
              <h3 className="h4 footer-heading">{t("footer.legal")}</h3>
              <ul className="list-unstyled footer-links">
                <li>
                  <ChromeLink nav={nav} to="/dichiarazione-accessibilita">
                    {t("footer.accessibility")}
                  </ChromeLink>
                </li>
                <li>
                  <ChromeLink nav={nav} to="/privacy">
                    {t("footer.privacy")}
                  </ChromeLink>
                </li>
                <li>
                  <ChromeLink nav={nav} to="/note-legali">
                    {t("footer.legalNotes")}
                  </ChromeLink>
                </li>
              </ul>
            </div>
          </div>
        </div>
      </div>
      <div className="it-footer-small-prints">
        <div className="container">
          <p className="text-white small py-3 mb-0">{t("footer.small")}</p>
        </div>
      </div>
    </>
  );
}

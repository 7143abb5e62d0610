// A certificate's two downloads, wherever its holder finds it (Le mie iscrizioni, the questionnaire once answered):
// the official Italian certificate first, then its English rendering for readers abroad (ADR 0096), each link saying
// its document's language (hreflang), and a line saying which one is official.
import { useT } from "~/i18n/i18n.tsx";

export function CertificateDownloads({ certificateId, small = false }: { certificateId: string; small?: boolean }) {
  const t = useT();
  const size = small ? " btn-sm" : "";
  const note = `certificate-english-${certificateId}`;
  return (
    <>
      <a className={`btn btn-primary${size}`} href={`/attestati/${certificateId}.pdf`} hrefLang="it">
        {t("certificates.download")}
      </a>{" "}
      <a
        className={`btn btn-outline-primary${size}`}
        href={`/attestati/${certificateId}/inglese.pdf`}
        hrefLang="en"
        aria-describedby={note}
      >
        {t("certificates.downloadEnglish")}
      </a>
      <span className="d-block small mt-1" id={note}>
        {t("certificates.englishNote")}
      </span>
    </>
  );
}

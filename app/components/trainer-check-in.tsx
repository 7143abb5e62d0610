// What the trainer's two check-in pages share (the page, /formazione/incontri/<id>/check-in, and the
// full-screen QR to project, …/qr): the live refresh and the QR code image.
import type { CSSProperties } from "react";
import { useT } from "~/i18n/i18n.tsx";
import { useRevalidateEvery } from "~/utils/use-revalidate-every.ts";

/**
 * Whether check-in is open or about to open; while it is, the page reloads its data every
 * `refreshSeconds` (a new code before the shown one expires, and the count).
 */
export function useLiveCheckIn(view: { kind: string }, refreshSeconds: number): boolean {
  const live = view.kind === "aperto" || view.kind === "prima";
  useRevalidateEvery(refreshSeconds, live);
  return live;
}

/** The current check-in code as a QR code (an SVG the server drew), named for screen readers. */
export function CheckInQrCode({ svg, className, style }: { svg: string; className: string; style: CSSProperties }) {
  const t = useT();
  return (
    <div
      role="img"
      aria-label={t("checkIn.trainer.qrLabel")}
      className={className}
      style={style}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}

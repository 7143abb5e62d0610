// The event sheet's pieces shared by the public event page and the organiser's sheet page:
// a list of files (downloaded through /eventi/:id/allegati/:fileId) and links, and the sheet's
// texts as paragraphs.
import type { ReactNode } from "react";
import { SHEET_FILE_TYPES, type SheetFileType } from "~/domain/event-sheet.ts";
import { useT } from "~/i18n/i18n.tsx";
import { formatBytes } from "~/utils/format-bytes.ts";

export type SheetFileItem = {
  id: string;
  title: string;
  fileName: string | null;
  mimeType: string | null;
  size: number | null;
  url: string | null;
};

export function SheetFileList({
  eventId,
  files,
  empty,
  action,
}: {
  eventId: string;
  files: readonly SheetFileItem[];
  empty?: string;
  /** Something after each item (the organiser's remove button). */
  action?: (file: SheetFileItem) => ReactNode;
}) {
  const t = useT();
  if (files.length === 0) return empty ? <p className="text-secondary">{empty}</p> : null;
  return (
    <ul className="list-unstyled mb-3">
      {files.map((f) => (
        <li key={f.id} className="mb-1">
          {f.url ? (
            <a href={f.url} rel="noopener noreferrer" target="_blank">
              {f.title}
              <span className="visually-hidden"> ({t("sheet.opensInNewWindow")})</span>
            </a>
          ) : (
            <a href={`/eventi/${encodeURIComponent(eventId)}/allegati/${encodeURIComponent(f.id)}`} download>
              {f.title}
            </a>
          )}
          {f.mimeType && f.size !== null ? (
            <small className="text-secondary ms-2">
              ({(SHEET_FILE_TYPES[f.mimeType as SheetFileType] ?? "file").toUpperCase()}, {formatBytes(f.size)})
            </small>
          ) : f.url ? (
            <small className="text-secondary ms-2">({t("sheet.link")})</small>
          ) : null}
          {action ? action(f) : null}
        </li>
      ))}
    </ul>
  );
}

/** Plain text with blank lines between paragraphs, as paragraphs (single line breaks kept). */
export function SheetText({ text }: { text: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i}>
          {p.split("\n").map((line, j) => (
            <span key={j}>
              {j > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </p>
      ))}
    </>
  );
}

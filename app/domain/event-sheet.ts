// The event sheet (scheda): objectives, programme, attachments for everyone who can see the event
// and materials of each session for its enrolled participants. Pure rules, no HTTP and no
// database: which files are accepted (by their bytes, not the client's name or type), how big,
// under which download name, and who may download what. app/models/event-sheet.server.ts applies them.

/** The largest file an organiser may attach (slides, handouts); app/utils/body-limit.server.ts adds the form's room. */
export const MAX_SHEET_FILE_BYTES = 20 * 1024 * 1024;
export const SHEET_TEXT_MAX = 10_000;
export const FILE_TITLE_MAX = 200;
export const TRAINER_PROFILE_MAX = 1_000;

export const SHEET_FILE_TYPES = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.oasis.opendocument.presentation": "odp",
  "application/vnd.oasis.opendocument.text": "odt",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "application/zip": "zip",
} as const;
export type SheetFileType = keyof typeof SHEET_FILE_TYPES;

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, from: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(from, Math.min(bytes.length, from + length)));
}

/** The entry names a ZIP's central directory lists (it sits at the end of the file). */
function zipDirectoryText(bytes: Uint8Array): string {
  const tail = bytes.subarray(Math.max(0, bytes.length - 256 * 1024));
  return new TextDecoder("latin1").decode(tail);
}

/** The file's real type from its bytes, or null when it is not one Forma accepts. */
export function sniffSheetFileType(bytes: Uint8Array): SheetFileType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") return "image/gif";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "image/webp";
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return null;
  // OpenDocument: an uncompressed "mimetype" entry first, holding the type.
  if (ascii(bytes, 30, 8) === "mimetype") {
    const declared = ascii(bytes, 38, 60);
    if (declared.startsWith("application/vnd.oasis.opendocument.presentation"))
      return "application/vnd.oasis.opendocument.presentation";
    if (declared.startsWith("application/vnd.oasis.opendocument.text"))
      return "application/vnd.oasis.opendocument.text";
  }
  const directory = zipDirectoryText(bytes);
  if (directory.includes("[Content_Types].xml")) {
    if (directory.includes("ppt/presentation.xml"))
      return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    if (directory.includes("word/document.xml"))
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  return "application/zip";
}

export type SheetFileCheck =
  { ok: true; type: SheetFileType } | { ok: false; reason: "empty" | "too-large" | "bad-type" };

export function checkSheetFile(bytes: Uint8Array): SheetFileCheck {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > MAX_SHEET_FILE_BYTES) return { ok: false, reason: "too-large" };
  const type = sniffSheetFileType(bytes);
  return type ? { ok: true, type } : { ok: false, reason: "bad-type" };
}

/**
 * The name a download is saved under: the uploaded name without any folder, control or
 * reserved characters, at most 120 characters, always ending with the extension of its real type.
 */
export function safeFileName(uploaded: string, type: SheetFileType): string {
  const extension = SHEET_FILE_TYPES[type];
  const base = (uploaded.split(/[\\/]/).pop() ?? "")
    .normalize("NFC")
    .replace(/\.[^.]*$/, "")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"*:<>?|\\/;%]+/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .slice(0, 120);
  return `${base || "allegato"}.${extension}`;
}

/** Content-Disposition for a download: an ASCII fallback and the exact UTF-8 name (RFC 6266, RFC 5987). */
export function contentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x20-\x7e]/g, "_")
      .replace(/["\\]/g, "_") || "file";
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export type SheetViewer = {
  /** Manages the event (organiser in scope) or is one of its trainers. */
  staff: boolean;
  /** Editions in which the viewer holds a seat ("iscritto"). */
  enrolledEditionIds: readonly string[];
};

/**
 * May this viewer download the file? Attachments (no session): anyone who can see the event
 * (the caller has checked that). Materials: the event's staff and the participants enrolled in
 * the session's edition.
 */
export function maySeeFile(file: { sessionEditionId: string | null }, viewer: SheetViewer): boolean {
  if (file.sessionEditionId === null) return true;
  return viewer.staff || viewer.enrolledEditionIds.includes(file.sessionEditionId);
}

export function isHttpLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  checkSheetFile,
  contentDisposition,
  isHttpLink,
  MAX_SHEET_FILE_BYTES,
  maySeeFile,
  safeFileName,
  sniffSheetFileType,
} from "./event-sheet.ts";

const text = (s: string) => new TextEncoder().encode(s);

describe("sniffSheetFileType", () => {
  it("tells the accepted types by their bytes", () => {
    expect(sniffSheetFileType(text("%PDF-1.7\n"))).toBe("application/pdf");
    expect(sniffSheetFileType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(sniffSheetFileType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffSheetFileType(text("GIF89a...."))).toBe("image/gif");
    expect(sniffSheetFileType(text("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    const pptx = zipSync({ "[Content_Types].xml": text("<Types/>"), "ppt/presentation.xml": text("<p/>") });
    expect(sniffSheetFileType(pptx)).toBe("application/vnd.openxmlformats-officedocument.presentationml.presentation");
    const docx = zipSync({ "[Content_Types].xml": text("<Types/>"), "word/document.xml": text("<w/>") });
    expect(sniffSheetFileType(docx)).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    // OpenDocument: the uncompressed "mimetype" entry comes first.
    const odp = zipSync(
      {
        mimetype: [text("application/vnd.oasis.opendocument.presentation"), { level: 0 }],
        "content.xml": text("<x/>"),
      },
      {},
    );
    expect(sniffSheetFileType(odp)).toBe("application/vnd.oasis.opendocument.presentation");
    const odt = zipSync({ mimetype: [text("application/vnd.oasis.opendocument.text"), { level: 0 }] });
    expect(sniffSheetFileType(odt)).toBe("application/vnd.oasis.opendocument.text");
    expect(sniffSheetFileType(zipSync({ "a.txt": text("ciao") }))).toBe("application/zip");
  });

  it("refuses anything else, whatever its name", () => {
    expect(sniffSheetFileType(text("MZ\x90\x00"))).toBeNull();
    expect(sniffSheetFileType(text("<html><script>"))).toBeNull();
    expect(sniffSheetFileType(text("<svg xmlns"))).toBeNull();
    expect(checkSheetFile(new Uint8Array(0))).toEqual({ ok: false, reason: "empty" });
    const big = new Uint8Array(MAX_SHEET_FILE_BYTES + 1);
    big.set(text("%PDF-"));
    expect(checkSheetFile(big)).toEqual({ ok: false, reason: "too-large" });
    expect(checkSheetFile(text("plain"))).toEqual({ ok: false, reason: "bad-type" });
  });
});

describe("download names", () => {
  it("keeps the uploaded name without folders or reserved characters, with the real type's extension", () => {
    expect(safeFileName("../../Programma è definitivo.exe", "application/pdf")).toBe("Programma è definitivo.pdf");
    expect(safeFileName('C:\\tmp\\a"b;c%d\u0000.pptx', "application/zip")).toBe("abcd.zip");
    expect(safeFileName("...", "image/png")).toBe("allegato.png");
    expect(safeFileName(`${"x".repeat(300)}.pdf`, "application/pdf")).toHaveLength(124);
  });

  it("writes an ASCII filename and the exact UTF-8 filename*", () => {
    expect(contentDisposition("Slide più belle (1).pdf")).toBe(
      "attachment; filename=\"Slide piu belle (1).pdf\"; filename*=UTF-8''Slide%20pi%C3%B9%20belle%20%281%29.pdf",
    );
    expect(contentDisposition("会议.pdf")).toBe(
      "attachment; filename=\"__.pdf\"; filename*=UTF-8''%E4%BC%9A%E8%AE%AE.pdf",
    );
  });
});

describe("maySeeFile", () => {
  it("shows attachments to everyone, materials to staff and to participants enrolled in that edition", () => {
    const nobody = { staff: false, enrolledEditionIds: [] };
    expect(maySeeFile({ sessionEditionId: null }, nobody)).toBe(true);
    expect(maySeeFile({ sessionEditionId: "e1" }, nobody)).toBe(false);
    expect(maySeeFile({ sessionEditionId: "e1" }, { staff: false, enrolledEditionIds: ["e2"] })).toBe(false);
    expect(maySeeFile({ sessionEditionId: "e1" }, { staff: false, enrolledEditionIds: ["e1"] })).toBe(true);
    expect(maySeeFile({ sessionEditionId: "e1" }, { staff: true, enrolledEditionIds: [] })).toBe(true);
  });

  it("accepts only http and https links", () => {
    expect(isHttpLink("https://video.example.it/1")).toBe(true);
    expect(isHttpLink("javascript:alert(1)")).toBe(false);
    expect(isHttpLink("data:text/html,x")).toBe(false);
    expect(isHttpLink("non un link")).toBe(false);
  });
});

// Register exports: one session's register as a PDF to print and sign (A4, a table of surname,
// name, email, status, minutes, the trainer's note and an empty signature column, header repeated on every page,
// with the lines of places ended since the session marked with what ended them, ADR 0019 addendum,
// "Pagina N di M") and as CSV (spreadsheetCsv: BOM, `;`, formulas written as text, numbers with a decimal
// comma in either language); the edition's
// hours report as CSV (each session's certified minutes, activities completed, certified hours,
// share, completed yes/no), counted by editionProgress like every other view.
// The PDF is tagged like the certificate (ADR 0079, 0081): its heading, paragraphs and one table with
// its column headers, in reading order; what each page repeats (heading, header row) and the footers
// are pagination artifacts, the rules and fills layout artifacts.
import { dayRangeText } from "~/components/catalogue/format.ts";
import { certifiedMinutesForSession, certifiedPercent, type AttendanceStatus } from "~/domain/attendance.ts";
import { nameAsPrinted } from "~/domain/person-name.ts";
import { nameIn } from "~/domain/stored-reasons.ts";
import { labelOf, REGION_LABELS, type Locale } from "~/domain/vocabulary.ts";
import { endedPlaceText } from "~/components/register-ended-place.ts";
import { translator } from "~/i18n/i18n.tsx";
import { spreadsheetCsv, spreadsheetNumber } from "~/utils/csv.server.ts";
import { prisma } from "~/utils/db.server.ts";
import {
  createPdf,
  documentStructure,
  drawText,
  FONT,
  heightOfText,
  markParts,
  pdfBytes,
  TAGGED_PDF,
  warnUnprintableNames,
  type TextPart,
} from "~/utils/pdf.server.ts";
import { formatDateTime, formatLongDate, formatTime } from "~/utils/dates.ts";
import { bySurname, endedPlaces, registerPlacesWhere, sessionNumberOf } from "./attendance.server.ts";
import { editionProgress } from "./edition-progress.server.ts";

export type RegisterExport = NonNullable<Awaited<ReturnType<typeof loadRegisterExport>>>;

export async function loadRegisterExport(sessionId: string) {
  // An asynchronous activity has no register (its completions are ticked on the edition's page): no file either.
  const session = await prisma.trainingSession.findFirst({
    where: { id: sessionId, delivery: { not: "asincrona" } },
    select: {
      id: true,
      title: true,
      startsAt: true,
      endsAt: true,
      minutes: true,
      edition: {
        select: {
          id: true,
          number: true,
          startsOn: true,
          endsOn: true,
          event: {
            select: {
              title: true,
              titleLanguage: true,
              trainers: { select: { user: { select: { id: true, firstName: true, lastName: true } } } },
            },
          },
        },
      },
    },
  });
  if (!session) return null;
  const enrolments = await prisma.enrolment.findMany({
    where: registerPlacesWhere(session.edition.id, sessionId),
    select: {
      id: true,
      status: true,
      endedAt: true,
      user: { select: { id: true, firstName: true, lastName: true, email: true } },
      attendance: { where: { sessionId }, select: { status: true, minutesAttended: true, note: true } },
    },
  });
  const ended = await endedPlaces(enrolments);
  const lines = enrolments
    .map((e) => {
      const line = e.attendance[0];
      const status = (line?.status ?? null) as AttendanceStatus | null;
      return {
        userId: e.user.id,
        firstName: e.user.firstName,
        lastName: e.user.lastName,
        email: e.user.email,
        status,
        note: line?.note ?? null,
        /** The place ended after this session (moved, removed…): its line is listed, marked. */
        ended: ended.get(e.id) ?? null,
        minutes: status
          ? certifiedMinutesForSession(
              { id: sessionId, minutes: session.minutes },
              { sessionId, status, minutesAttended: line?.minutesAttended ?? null },
            )
          : null,
      };
    })
    .sort(bySurname);
  return { session, number: await sessionNumberOf(session.edition.id, session.id), lines };
}

/**
 * The register's file name, in the file's language (its headers and labels are in it), with the
 * edition's id as the hours CSV has it: a trainer of several events downloaded
 * "registro-edizione-1-incontro-1.pdf" from each, one file over the other.
 */
export function registerFilename(data: RegisterExport, ext: "pdf" | "csv", locale: Locale) {
  const name = translator(locale)("attendance.file.register", {
    edition: data.session.edition.number,
    id: data.session.edition.id,
    session: data.number,
  });
  return `${name}.${ext}`;
}

/**
 * The register as CSV: a BOM, `;`, CRLF; status as the Italian/English label, minutes certified, the trainer's note,
 * and what ended the place when it ended after the session (moved, removed…; empty for a current place).
 */
export function registerCsv(data: RegisterExport, locale: Locale): string {
  const t = translator(locale);
  const columns = [
    { key: "lastName", header: t("attendance.export.lastName") },
    { key: "firstName", header: t("attendance.export.firstName") },
    { key: "email", header: t("attendance.export.email") },
    { key: "status", header: t("attendance.export.status") },
    { key: "minutes", header: t("attendance.export.minutes") },
    { key: "note", header: t("attendance.export.note") },
    { key: "enrolment", header: t("attendance.export.enrolment") },
  ];
  // A closed account's pseudonym in the file's language.
  const rows = data.lines
    .map((line) => nameIn(line, locale))
    .map((l) => ({
      lastName: l.lastName,
      firstName: l.firstName,
      email: l.email,
      status: l.status ? t(`attendance.status.${l.status}`) : t("attendance.status.none"),
      minutes: l.minutes ?? "",
      note: l.note ?? "",
      // Empty for a current place; what ended it for a place moved or removed after this session.
      enrolment: l.ended ? endedPlaceText(l.ended, t, locale) : "",
    }));
  return spreadsheetCsv(rows, columns);
}

const MARGIN = 40;
const ROW = 22;
/**
 * The smallest a name is drawn in its cell (8.5 pt) and in the trainers' line (9.5 pt): a name with a word wider than
 * its cell is drawn smaller, down to this, before the word is broken (ADR 0075, addendum 08/12/2026).
 */
const NAME_MIN_SIZE = { cell: 6, trainers: 7 };

/** The register as an A4 PDF to sign; paginates (header and column titles on every page). */
export function renderRegisterPdf(data: RegisterExport, locale: Locale, now: Date = new Date()): Promise<Buffer> {
  const t = translator(locale);
  const { session } = data;
  const edition = session.edition;
  const doc = createPdf({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `${t("attendance.export.title")} — ${edition.event.title}`, Author: "Forma" },
    lang: locale === "en" ? "en-GB" : "it-IT",
    ...TAGGED_PDF,
  } as PDFKit.PDFDocumentOptions);
  const done = pdfBytes(doc);
  const { tag, group, header, artifact, tagText } = documentStructure(doc);
  const width = doc.page.width - MARGIN * 2;
  // Column widths (sum = width): surname, name, email, status, minutes, note, signature.
  const widths = [85, 70, 115, 65, 40, 70, width - 445];
  const headers = [
    t("attendance.export.lastName"),
    t("attendance.export.firstName"),
    t("attendance.export.email"),
    t("attendance.export.status"),
    t("attendance.export.minutes"),
    t("attendance.export.note"),
    t("attendance.export.signature"),
  ];
  const trainers = edition.event.trainers.map((tr) => nameAsPrinted(`${tr.user.firstName} ${tr.user.lastName}`));
  // A name printed as "�" only names nobody readably: logged for an operator, without the name (ADR 0075).
  warnUnprintableNames({ document: "register", sessionId: session.id }, [
    ...data.lines.map((l) => ({ userId: l.userId, name: `${l.firstName} ${l.lastName}` })),
    ...edition.event.trainers.map((tr) => ({ userId: tr.user.id, name: `${tr.user.firstName} ${tr.user.lastName}` })),
  ]);

  // The first page's heading and header row are the document's; the next pages' copies are artifacts.
  let table: PDFKit.PDFStructureElement | null = null;
  const pageHeader = () => {
    const first = table === null;
    const mark = (type: string, draw: () => void) => (first ? tag(type, draw) : artifact(draw, "Pagination"));
    mark("H1", () =>
      doc
        .font(FONT.bold)
        .fontSize(15)
        .fillColor("#003366")
        .text(t("attendance.export.title"), MARGIN, MARGIN, { width }),
    );
    doc.fillColor("black");
    // The event's and session's titles and the trainers' names as typed: drawText (ADR 0075). A title written in
    // another language than the register's is a Span with its Lang in the first page's paragraph (ADR 0078, 0086).
    const line = (text: string, title?: string, minSize?: number) => {
      const options = { font: FONT.regular, size: 9.5, width, minSize };
      const parts: TextPart[] = title
        ? markParts(text, [{ text: title, lang: edition.event.titleLanguage }], locale)
        : [{ text }];
      if (first) tagText("P", parts, options);
      else artifact(() => drawText(doc, text, options), "Pagination");
    };
    line(t("attendance.export.event", { title: edition.event.title }), edition.event.title);
    line(
      t("attendance.export.edition", {
        number: edition.number,
        dates: dayRangeText(t, edition.startsOn, edition.endsOn, locale),
      }),
    );
    line(
      t("attendance.export.session", {
        number: data.number,
        title: session.title ? ` «${session.title}»` : "",
        date: formatLongDate(session.startsAt, locale),
        from: formatTime(session.startsAt, locale),
        to: formatTime(session.endsAt, locale),
        minutes: session.minutes,
      }),
      // A session's title is written in the event title's language (ADR 0078).
      session.title ?? undefined,
    );
    line(
      trainers.length > 0
        ? t("attendance.export.trainers", { names: trainers.join(", ") })
        : t("attendance.export.noTrainers"),
      undefined,
      NAME_MIN_SIZE.trainers,
    );
    doc.moveDown(0.6);
    if (first) {
      table = group("Table");
      tableRow(headers, true);
    } else {
      tableRow(headers, true, true);
    }
  };
  // A row is as high as its longest cell: a long name or email wraps inside its cell, whole (it was
  // cut to one line with "…", so "Weiß-Øvergaard de la Cruz y Fernández" signed as "Weiß-Øvergaard de…").
  const cellOptions = (header: boolean, i: number) => ({
    font: header ? FONT.bold : FONT.regular,
    size: 8.5,
    width: widths[i]! - 6,
    // The surname and the name: smaller rather than broken inside a word.
    ...(!header && i < 2 ? { minSize: NAME_MIN_SIZE.cell } : {}),
  });
  const rowHeight = (cells: string[], header = false) =>
    Math.max(ROW, 9 + Math.max(...cells.map((cell, i) => heightOfText(doc, cell, cellOptions(header, i)))));
  /** A row of the table; `repeated`: the header row again at the top of a later page (an artifact). */
  const tableRow = (cells: string[], isHeader = false, repeated = false) => {
    const y = doc.y;
    const height = rowHeight(cells, isHeader);
    let x = MARGIN;
    if (isHeader) artifact(() => doc.rect(MARGIN, y, width, height).fillColor("#e6ecf2").fill().fillColor("black"));
    const row = repeated ? null : group("TR", table!);
    cells.forEach((cell, i) => {
      // Names, emails: drawText, so a Greek or Cyrillic name prints (before: NULs).
      const left = x;
      const draw = () => {
        if (cell) drawText(doc, cell, { ...cellOptions(isHeader, i), x: left + 3, y: y + 7 });
      };
      if (!row) artifact(draw, "Pagination");
      else if (isHeader) header(draw, "Column", row);
      else tag("TD", draw, {}, row);
      x += widths[i]!;
    });
    artifact(() => {
      doc.lineWidth(0.5).strokeColor("#888888");
      doc.rect(MARGIN, y, width, height).stroke();
      let rule = MARGIN;
      for (const w of widths.slice(0, -1)) {
        rule += w;
        doc
          .moveTo(rule, y)
          .lineTo(rule, y + height)
          .stroke();
      }
    });
    doc.x = MARGIN;
    doc.y = y + height;
  };

  pageHeader();
  const bottom = doc.page.height - MARGIN - 20;
  for (const line of data.lines) {
    const { firstName, lastName } = nameIn(line, locale);
    // A name made only of symbols no font draws prints them as "�", never as an empty cell (nameAsPrinted).
    const cells = [
      nameAsPrinted(lastName),
      nameAsPrinted(firstName),
      line.email,
      // A place ended since (moved, removed…): its status, then what ended it, in the same cell.
      [
        line.status ? t(`attendance.status.${line.status}`) : "",
        line.ended ? endedPlaceText(line.ended, t, locale) : "",
      ]
        .filter(Boolean)
        .join(" · "),
      line.minutes !== null ? String(line.minutes) : "",
      line.note ?? "",
      // The signature column, left empty to sign: an empty cell, so every row has a cell under each header.
      "",
    ];
    if (doc.y + rowHeight(cells) > bottom) {
      doc.addPage();
      pageHeader();
    }
    tableRow(cells);
  }
  if (doc.y + 60 > bottom) {
    doc.addPage();
    pageHeader();
  }
  doc.moveDown(2);
  tag("P", () =>
    doc
      .font(FONT.regular)
      .fontSize(10)
      .text(`${t("attendance.export.trainerSignature")}: ______________________________`, MARGIN, doc.y, { width }),
  );

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const footer = `${t("attendance.export.generated", { date: formatDateTime(now, locale) })} · ${t("attendance.export.page", { page: i + 1, pages: range.count })}`;
    // Writing below the bottom margin must not add a page: lift the margin for the footer.
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    artifact(
      () =>
        doc
          .font(FONT.regular)
          .fontSize(8)
          .fillColor("#555555")
          .text(footer, MARGIN, doc.page.height - MARGIN, { width, align: "center", lineBreak: false }),
      "Pagination",
    );
    doc.page.margins = margins;
  }
  doc.flushPages();
  doc.end();
  return done;
}

/** The edition's hours per participant as CSV (same counting as the progress table and the certificates). */
export async function editionHoursCsv(editionId: string, locale: Locale): Promise<string | null> {
  const t = translator(locale);
  const progress = await editionProgress(editionId);
  if (!progress) return null;
  const { plan, participants } = progress;
  const [records, completions] = await Promise.all([
    prisma.attendanceRecord.findMany({
      where: { session: { editionId } },
      select: { sessionId: true, enrolmentId: true, status: true, minutesAttended: true },
    }),
    prisma.activityCompletion.findMany({
      where: { session: { editionId } },
      select: { sessionId: true, enrolmentId: true },
    }),
  ]);
  const line = new Map(records.map((r) => [`${r.sessionId}:${r.enrolmentId}`, r]));
  const done = new Set(completions.map((c) => `${c.sessionId}:${c.enrolmentId}`));
  const columns = [
    { key: "lastName", header: t("attendance.export.lastName") },
    { key: "firstName", header: t("attendance.export.firstName") },
    { key: "email", header: t("attendance.export.email") },
    { key: "school", header: t("attendance.export.hours.school") },
    // As in the participants' list (iscritti.csv): the school code and the region in columns of their own, so a
    // referent can filter her region's people or match a school in Excel (review of organisers' daily work).
    { key: "schoolCode", header: t("attendance.export.hours.schoolCode") },
    { key: "region", header: t("attendance.export.hours.region") },
    ...plan.syncSessions.map((s, i) => ({
      key: `s${i}`,
      header: t("attendance.export.hours.session", { number: i + 1 }),
    })),
    { key: "activities", header: t("attendance.export.hours.activities") },
    { key: "certified", header: t("attendance.export.hours.certified") },
    { key: "total", header: t("attendance.export.hours.total") },
    { key: "share", header: t("attendance.export.hours.share") },
    { key: "completed", header: t("attendance.export.hours.completed") },
  ];
  const rows = participants.map((p) => {
    const { firstName, lastName } = nameIn(p, locale);
    const row: Record<string, string | number> = {
      lastName,
      firstName,
      email: p.email,
      school: p.schoolName ?? "",
      schoolCode: p.schoolCode ?? "",
      region: labelOf(REGION_LABELS, p.regionCode, locale),
      activities: plan.activities
        .filter((a) => done.has(`${a.id}:${p.enrolmentId}`))
        .map((a) => a.title)
        .join(" | "),
      // Decimal hours for a spreadsheet (two decimals), in the file's convention whatever the language: "1,5"; the
      // header says so ("Ore certificate (in decimali)"): the pages and the certificate write "1 ora e 30 minuti".
      certified: spreadsheetNumber(p.progress.certifiedMinutes / 60, { maximumFractionDigits: 2 }),
      total: spreadsheetNumber(p.progress.totalMinutes / 60, { maximumFractionDigits: 2 }),
      share: certifiedPercent(p.progress),
      completed: p.progress.completed ? t("attendance.export.yes") : t("attendance.export.no"),
    };
    plan.syncSessions.forEach((s, i) => {
      const r = line.get(`${s.id}:${p.enrolmentId}`);
      row[`s${i}`] = r
        ? certifiedMinutesForSession(s, {
            sessionId: s.id,
            status: r.status as AttendanceStatus,
            minutesAttended: r.minutesAttended,
          })
        : "";
    });
    return row;
  });
  return spreadsheetCsv(rows, columns);
}

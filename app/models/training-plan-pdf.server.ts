// The training plan as a PDF (pdfkit, Titillium Web embedded by createPdf: every name prints; the
// teacher's name, school and the titles of events go through drawText, Greek and Cyrillic in Noto
// Sans, ADR 0075).
// Same content as the page: teacher, school year, hours against the target,
// the grid, upcoming sessions, Forma training and external training. Dates in Europe/Rome.
// A tagged PDF like the certificate (ADR 0079, 0081): a screen reader finds its headings, lists and the
// grid as a table with its row and column headers, in reading order; cell borders are artifacts.
import { dayRangeText, sessionSpanText } from "~/components/catalogue/format.ts";
import { ENROLMENT_STATUS_LABELS } from "~/domain/enrolment.ts";
import { GRID_MODES, schoolYearLabel } from "~/domain/training-plan.ts";
import {
  EVENT_LEVEL_LABELS,
  EVENT_MODE_LABELS,
  EVENT_TYPE_LABELS,
  labelOf,
  sessionDeliveryLabel,
  type Locale,
} from "~/domain/vocabulary.ts";
import { translator } from "~/i18n/i18n.tsx";
import { formatDateTime, formatShortDate } from "~/utils/dates.ts";
import { hoursInWords } from "~/domain/hours.ts";
import { nameAsPrinted } from "~/domain/person-name.ts";
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
import type { TrainingPlan } from "./training-plan.server.ts";

const MARGIN = 50;

export function renderTrainingPlanPdf(plan: TrainingPlan, locale: Locale, now: Date = new Date()): Promise<Buffer> {
  const t = translator(locale);
  // Hours in the certificate's words ("2 ore e 55 minuti"), as the page and the certificates write them.
  const hours = (minutes: number) => hoursInWords(minutes, locale);
  const year = schoolYearLabel(plan.year);
  const name = `${plan.teacher.firstName} ${plan.teacher.lastName}`;
  const doc = createPdf({
    size: "A4",
    margin: MARGIN,
    info: { Title: `${t("plan.pdf.title")} ${year} — ${name}`, Author: "Forma", Subject: t("plan.title") },
    lang: locale === "en" ? "en-GB" : "it-IT",
    ...TAGGED_PDF,
  } as PDFKit.PDFDocumentOptions);
  const done = pdfBytes(doc);
  // A name printed as "�" only names nobody readably: logged for an operator, without the name (ADR 0075).
  warnUnprintableNames({ document: "training-plan", schoolYear: year }, [{ userId: plan.teacher.id, name }]);
  const { tag, group, header, artifact, tagText, addText } = documentStructure(doc);
  // An event's (and its sessions') title written in another language than the plan's is marked with it (ADR 0078,
  // 0086): a Span with its Lang inside the list item or the cell, so a screen reader reads it in that language.
  const titled = (text: string, ...titles: { text: string; lang: string | null | undefined }[]) =>
    markParts(text, titles, locale);
  const plain = (parts: TextPart[]) => parts.map((p) => p.text).join("");
  const width = doc.page.width - MARGIN * 2;
  const bottom = () => doc.page.height - MARGIN;
  const ensure = (space: number) => {
    if (doc.y + space > bottom()) doc.addPage();
  };
  const heading = (text: string) => {
    ensure(60);
    doc.moveDown(0.8);
    tag("H2", () => doc.font(FONT.bold).fontSize(13).fillColor("#003366").text(text, MARGIN, doc.y, { width }));
    doc.moveDown(0.3).font(FONT.regular).fontSize(10).fillColor("black");
  };
  const line = (text: string) => {
    ensure(20);
    tag("P", () => drawText(doc, text, { font: FONT.regular, size: 10, x: MARGIN, y: doc.y, width }));
  };
  // A list (L) of items (LI), each its bullet (Lbl) and its text (LBody), the text hanging beside the bullet.
  const bullets = (items: (string | TextPart[])[]) => {
    if (items.length === 0) return line(t("plan.pdf.none"));
    const list = group("L");
    for (const item of items) {
      ensure(20);
      const li = group("LI", list);
      const top = doc.y;
      tag(
        "Lbl",
        () =>
          doc
            .font(FONT.regular)
            .fontSize(10)
            .text("•", MARGIN + 6, top, { lineBreak: false }),
        {},
        li,
      );
      tagText(
        "LBody",
        typeof item === "string" ? [{ text: item }] : item,
        { font: FONT.regular, size: 10, x: MARGIN + 18, y: top, width: width - 18 },
        li,
      );
    }
  };

  // Title and teacher
  tag("H1", () =>
    doc
      .font(FONT.bold)
      .fontSize(20)
      .fillColor("#003366")
      .text(`${t("plan.pdf.title")} ${year}`, { width }),
  );
  doc.moveDown(0.4).font(FONT.regular).fontSize(11).fillColor("black");
  // A name made only of symbols no font draws prints them as "�", never as "Docente:" and nothing (nameAsPrinted).
  // A name with a word wider than the line is drawn smaller, down to 8 pt, before the word is broken (ADR 0075).
  tag("P", () =>
    drawText(doc, t("plan.pdf.teacher", { name: nameAsPrinted(name) }), { font: FONT.regular, size: 11, minSize: 8 }),
  );
  if (plan.teacher.schoolName) {
    const school = plan.teacher.schoolName;
    tag("P", () => drawText(doc, t("plan.pdf.school", { school }), { font: FONT.regular, size: 11 }));
  }
  tag("P", () => doc.text(t("plan.pdf.year", { year })));
  tag("P", () =>
    doc
      .fontSize(9)
      .fillColor("#555555")
      .text(t("plan.pdf.generated", { date: formatDateTime(now, locale) }))
      .fillColor("black"),
  );

  // Hours
  heading(t("plan.hours.title"));
  tag("P", () =>
    doc
      .font(FONT.bold)
      .fontSize(11)
      .text(t("plan.hours.total", { hours: hours(plan.totals.totalMinutes) }), { width }),
  );
  doc.font(FONT.regular).fontSize(10);
  line(
    plan.totals.targetMinutes && plan.totals.percentOfTarget !== null
      ? t("plan.hours.ofTarget", {
          hours: hours(plan.totals.totalMinutes),
          target: hours(plan.totals.targetMinutes),
          percent: plan.totals.percentOfTarget,
        })
      : t("plan.hours.noTarget"),
  );
  bullets([
    t("plan.hours.formaCertified", { hours: hours(plan.totals.formaCertifiedMinutes) }),
    t("plan.hours.externalCertified", { hours: hours(plan.totals.externalCertifiedMinutes) }),
    t("plan.hours.notCertified", { hours: hours(plan.totals.notCertifiedMinutes) }),
    t("plan.hours.awaitingCertificate", { hours: hours(plan.totals.awaitingCertificateMinutes) }),
    t("plan.hours.upcoming", { hours: hours(plan.totals.upcomingMinutes) }),
  ]);
  doc.moveDown(0.4);
  line(`${t("plan.hours.byLevel")}:`);
  bullets(
    plan.totals.byLevel.map(
      (r) =>
        `${r.level ? labelOf(EVENT_LEVEL_LABELS, r.level, locale) : t("plan.hours.levelUnknown")}: ${hours(r.minutes)}`,
    ),
  );
  line(`${t("plan.hours.byType")}:`);
  bullets(
    plan.totals.byType.map(
      (r) =>
        `${r.type === "esterna" ? t("plan.hours.typeExternal") : labelOf(EVENT_TYPE_LABELS, r.type, locale)}: ${hours(r.minutes)}`,
    ),
  );

  // The grid
  heading(t("plan.grid.title"));
  const firstCol = 110;
  const colWidth = (width - firstCol) / GRID_MODES.length;
  const pad = 5;
  const widths = [firstCol, ...GRID_MODES.map(() => colWidth)];
  /** A cell: its lines (a training, the gap, a suggestion), each a text or its parts, one under the other. */
  type Cell = TextPart[][];
  const cellOf = (texts: (string | TextPart[])[]): Cell =>
    texts.map((t) => (typeof t === "string" ? [{ text: t }] : t));
  const joined = (cell: Cell): TextPart[] => cell.flatMap((parts, i) => [...(i ? [{ text: "\n" }] : []), ...parts]);
  // The grid as a table: the first row names the modes (column headers), each row's first cell its level (row header).
  const table = group("Table");
  /**
   * A row of the grid, as tall as its longest cell. It moves whole to the next page when it does not fit on this one;
   * taller than a page (a teacher with 15–20 webinars in one cell), it is cut between lines: each page holds the
   * lines of each cell that fit, framed as a row, its level repeated (an artifact, as the register's repeated header
   * row); each cell stays one TD, its text on both pages. Before, the long cell flowed onto the next page by itself,
   * the other column was drawn there at the first page's height and the frame was cut off.
   */
  const drawRow = (cells: Cell[], bold: boolean) => {
    const fontOf = (i: number) => (bold || i === 0 ? FONT.bold : FONT.regular);
    const textHeight = (cell: Cell, i: number) =>
      cell.length === 0
        ? 0
        : heightOfText(doc, plain(joined(cell)), { font: fontOf(i), size: 9, width: widths[i]! - pad * 2 });
    const heightOf = (piece: Cell[]) => Math.max(...piece.map(textHeight)) + pad * 2;
    const whole = heightOf(cells);
    if (doc.y + whole + 4 > bottom() && MARGIN + whole + 4 <= bottom()) doc.addPage();
    /** The room for the text of a row's cells on this page, under doc.y. */
    const room = () => bottom() - 4 - pad * 2 - doc.y;
    const row = group("TR", table);
    const cellElements: PDFKit.PDFStructureElement[] = [];
    let rest = cells;
    let first = true;
    for (;;) {
      // The first lines of each cell that fit (at the top of a page at least one: no line is taller than a page).
      const atTop = doc.y <= MARGIN;
      const piece = rest.map((cell, i) => {
        if (i === 0) return cell;
        let count = cell.length;
        while (count > (atTop ? 1 : 0) && textHeight(cell.slice(0, count), i) > room()) count--;
        return cell.slice(0, count);
      });
      const cut = rest.some((cell, i) => i > 0 && cell.length > piece[i]!.length);
      if (cut && !atTop && piece.every((cell, i) => i === 0 || cell.length === 0)) {
        // Not even one line of a cell fits under the rows above: the row starts on the next page.
        doc.addPage();
        continue;
      }
      const height = heightOf(piece);
      const top = doc.y;
      let x = MARGIN;
      piece.forEach((cell, i) => {
        const left = x;
        artifact(() => doc.rect(left, top, widths[i]!, height).strokeColor("#999999").stroke());
        const box = { font: fontOf(i), size: 9, x: left + pad, y: top + pad, width: widths[i]! - pad * 2 };
        const draw = () => drawText(doc, plain(joined(cell)), box);
        if (bold) header(draw, "Column", row);
        else if (i === 0) {
          if (first) header(draw, "Row", row);
          else artifact(draw, "Pagination");
        } else {
          // The cells' elements in the order of the columns, made with the row's first piece.
          cellElements[i] ??= group("TD", row);
          if (cell.length) addText(cellElements[i]!, joined(cell), box);
        }
        x += widths[i]!;
      });
      doc.x = MARGIN;
      doc.y = top + height;
      first = false;
      rest = rest.map((cell, i) => (i === 0 ? cell : cell.slice(piece[i]!.length)));
      if (rest.every((cell, i) => i === 0 || cell.length === 0)) return;
      doc.addPage();
    }
  };
  drawRow(
    [t("plan.grid.levelHeader"), ...GRID_MODES.map((m) => labelOf(EVENT_MODE_LABELS, m, locale))].map((text) =>
      cellOf([text]),
    ),
    true,
  );
  for (const row of plan.grid) {
    drawRow(
      [
        cellOf([labelOf(EVENT_LEVEL_LABELS, row[0]!.level, locale)]),
        ...row.map((cell) =>
          cellOf(
            cell.items.length
              ? cell.items.map((i) =>
                  titled(
                    `${i.title} (${hours(i.minutes)}, ${t(`plan.state.${i.state}`)}${i.kind === "esterna" ? `, ${t("plan.grid.external")}` : ""})`,
                    { text: i.title, lang: i.titleLanguage },
                  ),
                )
              : [
                  t("plan.pdf.gap"),
                  ...(plan.suggestions[cell.key] ?? []).map((s) =>
                    titled(
                      `${t("plan.grid.suggestions")}: ${s.title}${s.startsAt ? ` (${formatShortDate(s.startsAt, locale)})` : ""}`,
                      { text: s.title, lang: s.titleLanguage },
                    ),
                  ),
                ],
          ),
        ),
      ],
      false,
    );
  }

  heading(t("plan.sessions.title"));
  bullets(
    plan.upcomingSessions.map((s) =>
      titled(
        // Where the session is held, as the plan's page says it (a blended event's session may be in one place, ADR 0091).
        `${sessionSpanText(t, s, locale)} · ${s.eventTitle} (${t("plan.sessions.edition", { number: s.editionNumber })})${s.title ? ` · ${s.title}` : ""} · ${sessionDeliveryLabel(s.delivery, s.mode, locale)}`,
        { text: s.eventTitle, lang: s.eventTitleLanguage },
        // A session's title is written in the event title's language (ADR 0078).
        { text: s.title ?? "", lang: s.eventTitleLanguage },
      ),
    ),
  );

  heading(t("plan.active.title"));
  line(t("plan.active.pendingHint"));
  bullets(
    plan.active.map((e) =>
      titled(
        `${e.title} · ${labelOf(EVENT_LEVEL_LABELS, e.level, locale)}, ${labelOf(EVENT_MODE_LABELS, e.mode, locale)} · ${e.state === "in-sospeso" ? t("plan.state.in-sospeso") : hours(e.minutes)} · ${labelOf(ENROLMENT_STATUS_LABELS, e.status, locale)}`,
        { text: e.title, lang: e.titleLanguage },
      ),
    ),
  );

  heading(t("plan.completed.title"));
  line(t("plan.completed.hint"));
  bullets(
    plan.completed.map((e) =>
      titled(
        `${e.title} · ${dayRangeText(t, e.startsOn, e.endsOn, locale)} · ${hours(e.minutes)} (${t(`plan.state.${e.state}`)})`,
        { text: e.title, lang: e.titleLanguage },
      ),
    ),
  );

  heading(t("plan.external.title"));
  bullets(
    plan.externals.map(
      (x) =>
        `${x.title} · ${t("plan.external.organiser", { organiser: x.organiser })} · ${dayRangeText(t, x.startsOn, x.endsOn, locale)} · ${hours(x.minutes)} (${t(`plan.state.${x.state}`)})`,
    ),
  );

  doc.moveDown(1.5);
  ensure(20);
  tag("P", () =>
    doc.fontSize(8).fillColor("#555555").text(t("plan.pdf.footer"), MARGIN, doc.y, { width, align: "center" }),
  );
  doc.end();
  return done;
}

// The places a released regional quota left unused reach the people waiting by email: told as places reserved for a
// region opened to everyone, never as a seat somebody gave up (ADR 0011, addendum 07/12/2026), in Italian and in
// English, through the real outbox and a real SMTP server; a seat somebody leaves afterwards is told as freed.
import { describe, expect, it } from "vitest";
import { cancelByTeacher, enrol } from "../../app/models/enrolment.server.ts";
import { addQuota, releaseQuota } from "../../app/models/seat-ledger.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";
import { createOpenEdition, createTeachers } from "../support/factories.ts";
import { sendQueued, withFileMailbox } from "../support/file-mailbox.ts";
import { managedEdition } from "../support/scopes.ts";
import { to, type Inbox } from "../support/smtp.ts";

let inbox: Inbox;
let mailer: Mailer;

withFileMailbox((started) => ({ inbox, mailer } = started));

describe("a released quota's places, by email", () => {
  for (const promotionMode of ["offerta", "automatica"] as const) {
    it(`${promotionMode}: IT and EN say the region's places were opened to everyone; a seat left later is a freed one`, async () => {
      // Cap 3 with a 2-seat Lazio quota: T0 holds the one general seat, T1 (Italian) and T2 (English) wait in the
      // general line; T3 waits behind them. Releasing the quota gives its two unused seats to T1 and T2.
      const { organiser, edition } = await createOpenEdition({ seatCap: 3, promotionMode, title: "Coding in classe" });
      const scope = await managedEdition(organiser.id, edition.id);
      expect(await addQuota(scope, "lazio", 2)).toEqual({ ok: true });
      const [t0, t1, t2, t3] = await createTeachers(4, "toscana");
      await prisma.user.update({ where: { id: t2!.id }, data: { locale: "en" } });
      const seated = await enrol(t0!.id, edition.id);
      for (const t of [t1, t2, t3]) expect(await enrol(t!.id, edition.id)).toMatchObject({ status: "in-attesa" });
      if (!seated.ok) throw new Error("expected a seat");
      await sendQueued(mailer, "quota");
      const quota = await prisma.editionQuota.findFirstOrThrow({ where: { editionId: edition.id } });
      expect(await releaseQuota(scope, quota.id)).toEqual({ ok: true });
      await sendQueued(mailer, "quota");

      const [it_] = to(inbox, t1!.email).slice(-1);
      const [en] = to(inbox, t2!.email).slice(-1);
      if (promotionMode === "offerta") {
        expect(it_?.subject).toMatch(/^Posto disponibile, conferma entro /);
        expect(it_?.text).toContain(
          "L'organizzazione di Coding in classe (edizione 1) ha aperto a tutti i posti riservati a una regione.",
        );
        expect(en?.subject).toMatch(/^A place is offered to you until /);
        expect(en?.text).toContain(
          "The organiser of Coding in classe (edition 1) has opened the places reserved for a region to everyone.",
        );
      } else {
        expect(it_?.subject).toMatch(/^Hai un posto: Coding in classe \(edizione 1\)/);
        expect(it_?.text).toContain("C'è un posto per te");
        expect(it_?.text).toContain(
          "L'organizzazione di Coding in classe (edizione 1) ha aperto a tutti i posti riservati a una regione, e uno è tuo: la tua iscrizione è confermata.",
        );
        expect(en?.subject).toMatch(/^You have a place: Coding in classe \(edition 1\)/);
        expect(en?.text).toContain("There is a place for you");
        expect(en?.text).toContain(
          "The organiser of Coding in classe (edition 1) has opened the places reserved for a region to everyone, and one is yours: your enrolment is confirmed.",
        );
      }
      for (const mail of [it_, en]) {
        expect(`${mail?.subject} ${mail?.text} ${mail?.html}`).not.toMatch(/liberat|free|aggiunti|added/i);
      }

      // T0 gives up the seat: T3, next in line, hears of a seat that became free.
      expect(await cancelByTeacher(t0!.id, seated.enrolmentId)).toEqual({ ok: true });
      await sendQueued(mailer, "quota");
      const [freed] = to(inbox, t3!.email).slice(-1);
      expect(freed?.text).toContain(
        promotionMode === "offerta"
          ? "Si è liberato un posto in Coding in classe (edizione 1)."
          : "Si è liberato un posto in Coding in classe (edizione 1) ed è tuo",
      );
      expect(freed?.text).not.toContain("riservati a una regione");
    });
  }
});

// Certificates (attestati): closing an edition and issuing a certificate to everyone who
// completed it, revoking and reissuing, the public verification lookup and the teacher's own
// certificates. Trainer-side writers take a TrainerEdition (edition-scope.server.ts), which only
// the register guard (requireRegisterEdition) produces; a certificate of another edition is refused
// as not found. Teachers' reads check ownership.
//
// A certificate is a snapshot: holder, event (title, type, level, region, where it was held), dates and
// certified minutes are copied at issue (StatedCertificate, app/domain/certificate-text.ts), so later
// edits of the event or the account do not change what was certified (ADR 0100). The PDF is
// rendered from that snapshot when downloaded (app/models/certificate-pdf.server.ts).
//
// Idempotency: Certificate.activeKey = enrolmentId while valid (unique), so an enrolment holds at
// most one valid certificate. Issuing locks the edition row first (PostgreSQL row lock, SQLite's
// single writer) and then reads which enrolments already hold one, so a retry or a second
// concurrent run adds nothing; if a race still reaches the unique key, the run starts again.
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import {
  correctionAdvice,
  generateCertificateCode,
  organiserOf,
  registerMayClose,
  reissueRefusal,
} from "~/domain/certificate.ts";
import { certificatePlace, STATED_FIELDS, type StatedCertificate } from "~/domain/certificate-text.ts";
import { unprintableNameCharacters } from "~/domain/person-name.ts";
import { unprintableCharacters } from "~/domain/printable-text.ts";
import { certificateState, certificateTransition, editionTransition } from "~/domain/state-machine.ts";
import { isUniqueViolation } from "~/utils/account.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { writeAudit } from "./audit.server.ts";
import type { TrainerEdition } from "./edition-scope.server.ts";
import { registerCounts } from "./attendance.server.ts";
import { editionProgress, type EditionAttendancePlan, type ParticipantProgress } from "./edition-progress.server.ts";
import { writeNotification, writeNotifications, type NotificationInput } from "./notification-writer.server.ts";
import { REISSUE_REASON } from "~/domain/stored-reasons.ts";

export { REISSUE_REASON };

type Tx = Prisma.TransactionClient;

/** 350 certificates and their notifications in one transaction: more than Prisma's 5 s default on a busy machine. */
const ISSUE_TRANSACTION = { maxWait: 15_000, timeout: 60_000 } as const;
const CHUNK = 200;

export type IssueResult = { issued: number; alreadyValid: number; notCompleted: number };

export class CertificateError extends Error {
  constructor(
    public readonly reason:
      "not-found" | "not-completed" | "already-valid" | "edition-cancelled" | "not-ended" | "account-closed",
  ) {
    super(reason);
    this.name = "CertificateError";
  }
}

async function loadEditionSnapshot(editionId: string) {
  return prisma.edition.findUnique({
    where: { id: editionId },
    select: {
      id: true,
      number: true,
      startsOn: true,
      endsOn: true,
      attendanceClosedAt: true,
      event: {
        select: {
          id: true,
          title: true,
          titleLanguage: true,
          type: true,
          level: true,
          regionCode: true,
          mode: true,
          venue: true,
        },
      },
      sessions: { select: { delivery: true, place: true } },
    },
  });
}

type EditionSnapshot = NonNullable<Awaited<ReturnType<typeof loadEditionSnapshot>>>;

function certificateRow(edition: EditionSnapshot, p: ParticipantProgress, actorId: string | null, now: Date) {
  const place = certificatePlace(edition.event, edition.sessions);
  return {
    id: crypto.randomUUID(),
    code: generateCertificateCode(),
    enrolmentId: p.enrolmentId,
    editionId: edition.id,
    userId: p.userId,
    activeKey: p.enrolmentId,
    holderName: `${p.firstName} ${p.lastName}`.trim(),
    eventTitle: edition.event.title,
    eventTitleLanguage: edition.event.titleLanguage,
    eventType: edition.event.type,
    eventLevel: edition.event.level,
    eventRegionCode: edition.event.regionCode,
    organiser: organiserOf(edition.event.level, edition.event.regionCode),
    placeVenue: place?.venue ?? null,
    placeOnline: place?.online ?? false,
    editionStartsOn: edition.startsOn,
    editionEndsOn: edition.endsOn,
    certifiedMinutes: p.progress.certifiedMinutes,
    issuedAt: now,
    issuedById: actorId,
  } satisfies StatedCertificate & Record<string, unknown>;
}

type CertificateRow = ReturnType<typeof certificateRow>;

/**
 * The "attestato-disponibile" notifications, keyed by the certificate: written once per certificate. A reissued
 * certificate's names the code of the one it replaces (revoked without an email of its own), so the email says so.
 */
function availableNotifications(
  edition: EditionSnapshot,
  rows: readonly CertificateRow[],
  replacesCode?: string,
): NotificationInput[] {
  return rows.map((c) => ({
    kind: "attestato-disponibile",
    userId: c.userId,
    enrolmentId: c.enrolmentId,
    certificateId: c.id,
    payload: {
      eventTitle: edition.event.title,
      editionNumber: edition.number,
      certificateCode: c.code,
      ...(replacesCode ? { replacesCertificateCode: replacesCode } : {}),
    },
  }));
}

async function insertCertificates(
  tx: Tx,
  edition: EditionSnapshot,
  rows: readonly CertificateRow[],
  now: Date,
  replacesCode?: string,
) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await tx.certificate.createMany({ data: chunk });
    await writeNotifications(tx, availableNotifications(edition, chunk, replacesCode), { at: now });
  }
}

/**
 * Closes the edition's attendance (once: the first closing time and trainer stay) and issues a
 * certificate to every enrolled participant who completed, whose account is open (checked again under the
 * holders' row lock: openHoldersLocked) and who holds no valid one yet. Safe to
 * retry and to run twice at once; run again after the register is corrected, it issues to those
 * who completed since. A cancelled edition is refused under the lock ("close-attendance" in
 * app/domain/state-machine.ts): CertificateError("edition-cancelled"), and nothing is written; so is an
 * edition that has not ended yet at `now` (registerMayClose, app/domain/certificate.ts):
 * CertificateError("not-ended"), whoever calls (the closing page, a script, a job).
 */
export async function issueCertificates(scope: TrainerEdition, now: Date = new Date()): Promise<IssueResult> {
  const { id: editionId, actorId } = scope;
  const edition = await loadEditionSnapshot(editionId);
  if (!edition) throw new CertificateError("not-found");
  const progress = await editionProgress(editionId);
  if (!progress) throw new CertificateError("not-found");
  // A closed account's name is a pseudonym: a certificate issued now would attest "Account chiuso 3f9a2c", to nobody
  // (the person can no longer sign in). Certificates issued before the closure keep the name they carry (ADR 0013).
  const completed = progress.participants.filter((p) => p.progress.completed && !p.accountClosed);
  const notCompleted = progress.participants.filter((p) => !p.progress.completed).length;

  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        // The edition's row lock: concurrent issuers of this edition queue here.
        const { status, endsOn } = await tx.edition.update({
          where: { id: editionId },
          data: { updatedAt: now },
          select: { status: true, endsOn: true },
        });
        // Checked under the lock: an edition cancelled meanwhile is refused too. The throw rolls
        // the transaction back, so even the lock's updatedAt is not kept.
        if (!editionTransition("close-attendance", status).ok) throw new CertificateError("edition-cancelled");
        // …and one still running (its days as they are now, under the lock): certificates state hours
        // that took place. Only the closing page checked this before; a script or job closed it early.
        if (!registerMayClose(endsOn, now)) throw new CertificateError("not-ended");
        await tx.edition.updateMany({
          where: { id: editionId, attendanceClosedAt: null },
          data: { attendanceClosedAt: now, attendanceClosedById: actorId },
        });
        // The holders whose account is still open, with their names, read under their rows' lock: a closure that
        // committed after editionProgress read them (its erasing transaction does not touch the edition) would
        // otherwise get a certificate issued after it, in the name it had erased (ADR 0013, addendum 07/12/2026).
        const holders = await openHoldersLocked(tx, completed, now);
        const eligible = completed.flatMap((p) => {
          const holder = holders.get(p.userId);
          return holder ? [{ ...p, ...holder }] : [];
        });
        // "issue" starts only from a place that never held a certificate (app/domain/state-machine.ts):
        // a valid one is kept, and a revoked one stays revoked (reissueCertificate is the explicit act).
        const stateOf = new Map(
          (
            await tx.certificate.findMany({
              where: { editionId },
              select: { enrolmentId: true, revokedAt: true },
            })
          ).map((c) => [c.enrolmentId, certificateState(c)]),
        );
        const rows = eligible
          .filter((p) => certificateTransition("issue", stateOf.get(p.enrolmentId) ?? null).ok)
          .map((p) => certificateRow(edition, p, actorId, now));
        await insertCertificates(tx, edition, rows, now);
        await writeAudit(tx, {
          actorId,
          entityType: "event",
          entityId: edition.event.id,
          action: "attestati-emessi",
          details: {
            editionId,
            editionNumber: edition.number,
            issued: rows.length,
            alreadyValid: eligible.length - rows.length,
            notCompleted,
          },
        });
        return { issued: rows.length, alreadyValid: eligible.length - rows.length, notCompleted };
      }, ISSUE_TRANSACTION);
    } catch (error) {
      // Another run (or a code collision, ~never) reached the unique keys first: read again.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/**
 * The holders among `people` whose account is open, with the name a certificate issued now states, read under the
 * lock of their User rows (written while open, as placements do, ADR 0080): closeAccount writes that row first in
 * its erasing transaction, so on PostgreSQL a closure under way waits for the issue to commit (and then erases its
 * notifications too), or has committed and the row is left out; SQLite has one writer at a time.
 */
async function openHoldersLocked(tx: Tx, people: readonly Pick<ParticipantProgress, "userId">[], now: Date) {
  // In id order, chunk after chunk: two issues of editions sharing people lock them in the same order.
  const ids = [...new Set(people.map((p) => p.userId))].sort();
  const open = new Map<string, { firstName: string; lastName: string }>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await tx.user.updateMany({ where: { id: { in: chunk }, closedAt: null }, data: { updatedAt: now } });
    const rows = await tx.user.findMany({
      where: { id: { in: chunk }, closedAt: null },
      select: { id: true, firstName: true, lastName: true },
    });
    for (const r of rows) open.set(r.id, { firstName: r.firstName, lastName: r.lastName });
  }
  return open;
}

export type RevokeOutcome = { ok: true } | { ok: false; reason: "not-found" | "already-revoked" };

/**
 * Revokes a valid certificate of the scope's edition with the given reason. Refused, changing
 * nothing, when it is unknown or of another edition ("not-found") or already revoked.
 */
export async function revokeCertificate(
  scope: TrainerEdition,
  certificateId: string,
  reason: string,
  now: Date = new Date(),
): Promise<RevokeOutcome> {
  return prisma.$transaction(async (tx): Promise<RevokeOutcome> => {
    if (await revokeIn(tx, scope.actorId, scope.id, certificateId, reason, now, { notify: true })) return { ok: true };
    const exists = await tx.certificate.count({ where: { id: certificateId, editionId: scope.id } });
    return { ok: false, reason: exists ? "already-revoked" : "not-found" };
  });
}

/**
 * valido → revocato (the only transition of "revoke"; a revoked certificate is never valid again).
 * The teacher is told why, unless the certificate is being replaced (the new one's email says so).
 */
async function revokeIn(
  tx: Tx,
  actorId: string,
  editionId: string,
  certificateId: string,
  reason: string,
  now: Date,
  options: { notify: boolean },
): Promise<boolean> {
  const { count } = await tx.certificate.updateMany({
    where: { id: certificateId, editionId, revokedAt: null },
    data: { revokedAt: now, revokedById: actorId, revokedReason: reason, activeKey: null },
  });
  if (count === 0) return false;
  const c = await tx.certificate.findUniqueOrThrow({
    where: { id: certificateId },
    select: {
      code: true,
      editionId: true,
      enrolmentId: true,
      userId: true,
      holderName: true,
      edition: { select: { eventId: true, number: true, event: { select: { title: true } } } },
    },
  });
  if (options.notify) {
    await writeNotification(
      tx,
      {
        kind: "attestato-revocato",
        userId: c.userId,
        enrolmentId: c.enrolmentId,
        certificateId,
        payload: {
          eventTitle: c.edition.event.title,
          editionNumber: c.edition.number,
          certificateCode: c.code,
          reason,
        },
      },
      { at: now },
    );
  }
  await writeAudit(tx, {
    actorId,
    entityType: "event",
    entityId: c.edition.eventId,
    action: "attestato-revocato",
    details: { editionId: c.editionId, certificateId, code: c.code, holderName: c.holderName, reason },
  });
  return true;
}

/**
 * Revokes the certificate (if still valid) and issues a new one from the participant's current
 * progress, linked from the old one (replacedById). Refused when the participant no longer
 * completes, or when their enrolment already holds another valid certificate.
 */
export async function reissueCertificate(scope: TrainerEdition, certificateId: string, now: Date = new Date()) {
  const { actorId } = scope;
  const old = await prisma.certificate.findUnique({
    where: { id: certificateId },
    select: { id: true, code: true, enrolmentId: true, editionId: true, revokedAt: true, replacedById: true },
  });
  // A certificate of another edition is not this scope's to replace.
  if (!old || old.editionId !== scope.id) throw new CertificateError("not-found");
  const edition = await loadEditionSnapshot(old.editionId);
  const progress = await editionProgress(old.editionId, [old.enrolmentId]);
  const participant = progress?.participants[0];
  if (!edition || !participant) throw new CertificateError("not-found");
  // Not completed now: nothing to issue. A closed account: the certificate issued before the closure carries the
  // person's name; its replacement would carry the pseudonym.
  const refused = reissueRefusal({
    completed: participant.progress.completed,
    accountClosed: participant.accountClosed,
  });
  if (refused) throw new CertificateError(refused);
  try {
    return await prisma.$transaction(async (tx) => {
      // Again under the holder's row lock: a closure committed since the read above is refused the same way, and
      // the old certificate stays valid (openHoldersLocked).
      const holder = (await openHoldersLocked(tx, [participant], now)).get(participant.userId);
      if (!holder) throw new CertificateError("account-closed");
      await revokeIn(tx, actorId, old.editionId, old.id, REISSUE_REASON, now, { notify: false });
      const row = certificateRow(edition, { ...participant, ...holder }, actorId, now);
      // The old one is revoked silently: the new one's email names it as replaced.
      await insertCertificates(tx, edition, [row], now, old.code);
      await tx.certificate.update({ where: { id: old.id }, data: { replacedById: row.id } });
      await writeAudit(tx, {
        actorId,
        entityType: "event",
        entityId: edition.event.id,
        action: "attestato-riemesso",
        details: {
          editionId: edition.id,
          replaced: old.id,
          certificateId: row.id,
          code: row.code,
          holderName: row.holderName,
        },
      });
      return { id: row.id, code: row.code };
    }, ISSUE_TRANSACTION);
  } catch (error) {
    if (isUniqueViolation(error)) throw new CertificateError("already-valid");
    throw error;
  }
}

/** A participant's hours and whether they completed, with the titles of required activities still to do (closing page, My enrolments). */
export function progressWithReasons(plan: EditionAttendancePlan, p: Pick<ParticipantProgress, "progress">) {
  const missing = new Set(p.progress.missingRequiredActivities);
  return {
    certifiedMinutes: p.progress.certifiedMinutes,
    totalMinutes: p.progress.totalMinutes,
    requiredMinutes: p.progress.requiredMinutes,
    completed: p.progress.completed,
    missingActivities: plan.activities.filter((a) => missing.has(a.id)).map((a) => a.title),
  };
}

/**
 * A live session already started whose register lacks the line of some current place ("iscritto"): closing would
 * count that person's hours without it. `number` is its place among the edition's live sessions ("Incontro 3").
 */
export type RegisterGap = { sessionId: string; number: number; startsAt: Date; missing: number; empty: boolean };

/**
 * Who completed and who did not (and why), who already holds a valid certificate, and how many certificates
 * closing would issue, and the registers still missing lines (registerGaps): the closing page.
 */
export async function closureSummary(editionId: string, now: Date = new Date()) {
  const progress = await editionProgress(editionId);
  if (!progress) return null;
  // Each live session already started, with how many current places have no line in its register: an empty or
  // incomplete register gives those people no hours for it, so the certificates issued now would leave them out.
  const lines = await registerCounts(editionId);
  const enrolled = progress.participants.length;
  const registerGaps: RegisterGap[] = progress.plan.syncSessions.flatMap((s, i) => {
    const recorded = lines.get(s.id) ?? 0;
    if (s.startsAt > now || recorded >= enrolled) return [];
    return [
      { sessionId: s.id, number: i + 1, startsAt: s.startsAt, missing: enrolled - recorded, empty: recorded === 0 },
    ];
  });
  const valid = await prisma.certificate.findMany({
    where: { editionId, activeKey: { not: null } },
    select: { enrolmentId: true, code: true, certifiedMinutes: true },
  });
  const codeOf = new Map(valid.map((c) => [c.enrolmentId, c.code]));
  const certifiedOf = new Map(valid.map((c) => [c.enrolmentId, c.certifiedMinutes]));
  // A place whose certificate was revoked and not reissued: "issue" does not start from it (ADR 0011).
  const revoked = new Set(
    (
      await prisma.certificate.findMany({
        where: { editionId, revokedAt: { not: null } },
        select: { enrolmentId: true },
      })
    ).map((c) => c.enrolmentId),
  );
  // The event's title and venue go onto every certificate and stay there (ADR 0100): one saved before the forms
  // refused what the PDFs cannot print (app/domain/printable-text.ts) is flagged like a participant's name.
  const event = await prisma.edition.findUnique({
    where: { id: editionId },
    select: { event: { select: { title: true, venue: true } } },
  });
  const unprintableEvent = {
    title: unprintableCharacters(event?.event.title ?? ""),
    venue: unprintableCharacters(event?.event.venue ?? ""),
  };
  const participants = progress.participants.map((p) => ({
    enrolmentId: p.enrolmentId,
    // The page names them in its language (a closed account's pseudonym: listedName).
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    ...progressWithReasons(progress.plan, p),
    certificateCode: codeOf.get(p.enrolmentId) ?? null,
    // A register corrected after closing (it stays open to corrections) no longer agrees with the valid
    // certificate's hours, or no longer counts the path as completed: the page says so, with what to do.
    certificateMinutes: certifiedOf.get(p.enrolmentId) ?? null,
    certificateDisagrees:
      certifiedOf.has(p.enrolmentId) &&
      (certifiedOf.get(p.enrolmentId) !== p.progress.certifiedMinutes || !p.progress.completed),
    certificateRevoked: !codeOf.has(p.enrolmentId) && revoked.has(p.enrolmentId),
    // No certificate will carry a closed account's name (ADR 0013), and nobody can correct it: its pseudonym
    // ("Account chiuso 3f9a2c", digits) is not flagged, nor counted among those to ask.
    unprintableName: p.accountClosed ? [] : unprintableNameCharacters(p),
    accountClosed: p.accountClosed,
    // Why this place's certificate could not be reissued now (null: it could): a disagreeing one of a closed
    // account, or whose path is no longer completed, can only be revoked.
    reissueRefused: reissueRefusal({ completed: p.progress.completed, accountClosed: p.accountClosed }),
  }));
  const disagreeing = participants.filter((p) => p.certificateDisagrees);
  return {
    participants,
    registerGaps,
    unprintableEvent,
    completed: participants.filter((p) => p.completed).length,
    notCompleted: participants.filter((p) => !p.completed).length,
    // What closing now would issue (issueCertificates' rows): completers with an open account whose place never
    // held a certificate. A closed account gets none (ADR 0013), so "Hanno completato" may say more.
    toIssue: participants.filter((p) => p.completed && !p.accountClosed && !p.certificateCode && !p.certificateRevoked)
      .length,
    disagreeing: disagreeing.length,
    // The same certificates by what can be done with them (the certificates page offers Riemetti to the first only):
    // reissued or revoked; only revoked, the path being no longer completed; only revoked, the account being closed
    // (else it stays valid as issued, ADR 0013).
    disagreeingBy: {
      reissuable: disagreeing.filter((p) => p.reissueRefused === null).length,
      notCompleted: disagreeing.filter((p) => p.reissueRefused === "not-completed").length,
      accountClosed: disagreeing.filter((p) => p.reissueRefused === "account-closed").length,
    },
    minimumPercent: progress.plan.minimumPercent,
  };
}

/**
 * The register page of an edition whose certificates were issued: how many valid ones the register no longer agrees
 * with (the closing page's count), and what a correction leaves to do with the certificates held, by their holders'
 * accounts (correctionAdvice: a closed account's can only be revoked).
 */
export async function issuedCertificatesNotice(editionId: string) {
  const summary = await closureSummary(editionId);
  const holders = (summary?.participants ?? []).filter((p) => p.certificateCode !== null);
  return { disagreeing: summary?.disagreeing ?? 0, correction: correctionAdvice(holders) };
}

/** Every certificate of the edition, valid and revoked, by holder then issue time. */
export function listEditionCertificates(editionId: string) {
  return prisma.certificate.findMany({
    where: { editionId },
    orderBy: [{ holderName: "asc" }, { issuedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      enrolmentId: true,
      code: true,
      holderName: true,
      certifiedMinutes: true,
      issuedAt: true,
      revokedAt: true,
      revokedReason: true,
      activeKey: true,
      replacedById: true,
      // Whether the holder's account is closed now (the certificates page: where a revocation's reason goes).
      user: { select: { closedAt: true } },
    },
  });
}

/**
 * The certificates page: every certificate with what the register gives its place now, read by the closing
 * page's own computation (closureSummary), so both pages say the same. `register` is null for a place that is no
 * longer enrolled. `disagrees` (a valid certificate only): closureSummary's certificateDisagrees. `reissuable`:
 * reissueCertificate would issue a new one (not replaced yet, the register counts the path completed, the
 * account open); the page offers "Riemetti" there only, through its second step. `reissueRefused`: why there is
 * no "Riemetti" where there would be one but for the holder: "account-closed" (reissueCertificate refuses it, ADR
 * 0013), which the page says in the row, hours agreeing or not; null otherwise. `holderAccountClosed`: the holder's
 * account is closed now (nobody reads a revocation's reason but the organisers).
 */
export async function editionCertificatesWithRegister(editionId: string) {
  const [certificates, summary] = await Promise.all([listEditionCertificates(editionId), closureSummary(editionId)]);
  const placeOf = new Map((summary?.participants ?? []).map((p) => [p.enrolmentId, p]));
  return certificates.map(({ user, ...c }) => {
    const p = placeOf.get(c.enrolmentId);
    const register = p
      ? {
          minutes: p.certifiedMinutes,
          completed: p.completed,
          accountClosed: p.accountClosed,
          disagrees: c.activeKey !== null && p.certificateDisagrees,
        }
      : null;
    // Not replaced yet, and the place still enrolled: reissueCertificate's rule (reissueRefusal) decides.
    const replaceable = c.replacedById === null && p !== undefined;
    return {
      ...c,
      // Read from the holder's account, enrolled or not: its holder reads a revocation's reason only while it is
      // open (revokeHelp).
      holderAccountClosed: user.closedAt !== null,
      register,
      reissuable: replaceable && p.reissueRefused === null,
      reissueRefused: replaceable && p.reissueRefused === "account-closed" ? ("account-closed" as const) : null,
    };
  });
}

export type EditionCertificateRow = Awaited<ReturnType<typeof editionCertificatesWithRegister>>[number];

export type Verification =
  | { state: "sconosciuto" }
  | (StatedCertificate & {
      state: "valido" | "revocato";
      revokedAt: Date | null;
      /** The code of the certificate that replaced a revoked one, when it is valid. */
      replacementCode: string | null;
      /** The holder's account has been closed since (the certificate still states what it was issued with). */
      accountClosed: boolean;
    });

/** What the public verification page may show about a code: the snapshot, never the account. */
export async function verifyCertificate(code: string): Promise<Verification> {
  const c = await prisma.certificate.findUnique({
    where: { code },
    select: {
      ...STATED_FIELDS,
      revokedAt: true,
      replacedById: true,
      user: { select: { closedAt: true } },
    },
  });
  if (!c) return { state: "sconosciuto" };
  let replacementCode: string | null = null;
  if (c.replacedById) {
    const r = await prisma.certificate.findUnique({
      where: { id: c.replacedById },
      select: { code: true, revokedAt: true },
    });
    if (r && !r.revokedAt) replacementCode = r.code;
  }
  const { replacedById: _, user, ...rest } = c;
  // A closed account's certificate stays valid as issued; the page says the account was closed (ADR 0013).
  // The revoke reason is not read: it is the organiser's free text and may be about the person (ADR 0092);
  // the holder reads it in Le mie iscrizioni, staff on the edition's certificates page.
  return {
    state: c.revokedAt ? "revocato" : "valido",
    ...rest,
    replacementCode,
    accountClosed: user.closedAt !== null,
  };
}

/** The teacher's own valid certificate, for the download (null when not theirs or revoked). */
export function ownValidCertificate(userId: string, certificateId: string) {
  return prisma.certificate.findFirst({
    where: { id: certificateId, userId, activeKey: { not: null } },
    select: {
      id: true,
      editionId: true,
      ...STATED_FIELDS,
    },
  });
}

/**
 * Why ownValidCertificate found nothing, for the download's refusal page (ADR 0092): another person's
 * certificate, the person's own revoked one, or null (no such certificate: the generic "not found").
 */
export async function certificateRefusal(
  userId: string,
  certificateId: string,
): Promise<"certificateNotYours" | "certificateRevoked" | null> {
  const c = await prisma.certificate.findUnique({ where: { id: certificateId }, select: { userId: true } });
  if (!c) return null;
  return c.userId === userId ? "certificateRevoked" : "certificateNotYours";
}

export type CertificateSnapshot = NonNullable<Awaited<ReturnType<typeof ownValidCertificate>>>;

/** The edition's valid certificates, as snapshots, in the holders' order (the organiser's bulk download). */
export function validCertificatesOfEdition(editionId: string) {
  return prisma.certificate.findMany({
    where: { editionId, activeKey: { not: null } },
    orderBy: [{ holderName: "asc" }, { id: "asc" }],
    select: { id: true, editionId: true, userId: true, ...STATED_FIELDS },
  });
}

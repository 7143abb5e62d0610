// How Forma hands a rendered email to the world: SMTP (nodemailer) when SMTP_HOST is set; in
// development without SMTP, an .eml file per message in data/outbox/ (read at /admin/email).
// In production without SMTP there is no mailer: the outbox keeps notifications "in-coda".
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { bounceAddressFor } from "./bounce-address.server.ts";
import type { DkimSettings, Env } from "./env.server.ts";

export type OutgoingMail = {
  /** The notification's id: also the Message-ID, so receivers can drop a rare duplicate. */
  notificationId: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /**
   * Where a reply goes (an organiser's message: the organiser who wrote it, ADR 0076). The From
   * stays Forma's own noreply address, so SPF and DKIM hold. An address object, never a string
   * pasted together: nodemailer quotes or encodes the name, so quotes or line breaks in it cannot
   * add a header.
   */
  replyTo?: { name: string; address: string };
  /**
   * An optional email's one-click unsubscribe link (a reminder; ADR 0077): sent as
   * `List-Unsubscribe: <url>` (RFC 2369) with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`
   * (RFC 8058), so the mail client offers "unsubscribe" and POSTs to it. Never on transactional mail.
   */
  unsubscribeUrl?: string;
  /**
   * A calendar invitation (ICS text with this METHOD): sent once as a text/calendar alternative
   * part (clients show "add to calendar" / accept; the one part Outlook and Gmail act on) and once
   * as an attachment under `filename` (in the recipient's language: invito.ics, invitation.ics).
   */
  calendar?: { method: "REQUEST" | "CANCEL"; content: string; filename: string };
  /**
   * Further iTIP objects with another METHOD, each only as a text/calendar attachment: a message has
   * one text/calendar alternative, and calendars act on nothing else (RFC 6047). Only notifications
   * written before 06/12/2026 still carry one; since then each method is a message of its own.
   */
  moreCalendars?: { method: "REQUEST" | "CANCEL"; content: string; filename: string }[];
};

export type Mailer = {
  kind: "smtp" | "file";
  /**
   * Who the messages come from (the From: MAIL_FROM, or Forma's noreply address): also the
   * ORGANIZER of the invitations they carry, since iMIP readers compare the two.
   */
  sender: { name: string; address: string };
  /** Resolves once the SMTP server (or the file system) has accepted the message; throws otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
};

/** Where development messages are written (gitignored with /data/). */
export const DEV_OUTBOX_DIR = path.resolve("data/outbox");

/** Ids are cuid/uuid: nothing that could leave the folder. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function devMessagePath(notificationId: string, dir = DEV_OUTBOX_DIR): string | null {
  return SAFE_ID.test(notificationId) ? path.join(dir, `${notificationId}.eml`) : null;
}

export function messageIdFor(notificationId: string, domain: string): string {
  return `<${notificationId}@${domain}>`;
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).hostname || "localhost";
  } catch {
    return "localhost";
  }
}

export function defaultFrom(origin: string): string {
  return `Forma <noreply@${hostOf(origin)}>`;
}

/** The display name and address of a From value ("Name <address>" or a bare address). */
export function senderOf(from: string): { name: string; address: string } {
  const named = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+)>\s*$/.exec(from);
  if (named) return { name: named[1]!.trim() || "Forma", address: named[2]! };
  return { name: "Forma", address: from.trim() };
}

function message(mail: OutgoingMail, from: string, domain: string) {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    ...(mail.replyTo ? { replyTo: { name: mail.replyTo.name, address: mail.replyTo.address } } : {}),
    messageId: messageIdFor(mail.notificationId, domain),
    headers: {
      "X-Forma-Notification": mail.notificationId,
      "Auto-Submitted": "auto-generated",
      ...(mail.unsubscribeUrl
        ? {
            "List-Unsubscribe": `<${mail.unsubscribeUrl}>`,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          }
        : {}),
    },
    ...(mail.calendar
      ? {
          // nodemailer sends icalEvent twice by itself: the text/calendar alternative and an
          // application/ics attachment under this filename. Adding our own attachment as well put
          // two invito.ics files in every message.
          icalEvent: { method: mail.calendar.method, filename: mail.calendar.filename, content: mail.calendar.content },
          attachments: [
            ...(mail.moreCalendars ?? []).map((c) => ({
              filename: c.filename,
              content: c.content,
              contentType: `text/calendar; method=${c.method}; charset=utf-8`,
            })),
          ],
        }
      : {}),
  };
}

/**
 * The headers a DKIM signature covers. nodemailer's own list leaves out List-Unsubscribe-Post, which
 * RFC 8058 requires to be signed with List-Unsubscribe (receivers ignore an unsigned one-click), and
 * Auto-Submitted; this list has both, with the headers that say who sent what to whom.
 */
export const DKIM_SIGNED_HEADERS = [
  "From",
  "Sender",
  "Reply-To",
  "Subject",
  "Date",
  "Message-ID",
  "To",
  "Cc",
  "MIME-Version",
  "Content-Type",
  "Content-Transfer-Encoding",
  "In-Reply-To",
  "References",
  "List-Unsubscribe",
  "List-Unsubscribe-Post",
  "Auto-Submitted",
].join(":");

function dkimOptions(dkim: DkimSettings | null | undefined) {
  return dkim ? { dkim: { ...dkim, headerFieldNames: DKIM_SIGNED_HEADERS } } : {};
}

/** RFC 5321 §4.5.3.2.6: the wait for the reply to the end of DATA, the longest the RFC sets. */
export const SMTP_REPLY_TIMEOUT_MS = 10 * 60_000;

export type SmtpSettings = {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  /** Domain of the Message-ID (APP_ORIGIN's host). */
  domain: string;
  /**
   * How long the connection and the server's greeting may take (30 s): a relay that is not there is told
   * quickly, and the message stays queued for the next try.
   */
  timeoutMs?: number;
  /**
   * How long the server may stay silent once it is talking (10 min, RFC 5321 §4.5.3.2's longest wait): above
   * all the reply to the end of DATA. Cut sooner, a message the relay was still scanning, and then accepted,
   * counted as failed and went out again at every retry. The outbox keeps its claim alive meanwhile.
   */
  socketTimeoutMs?: number;
  /**
   * Reuse one SMTP connection for successive messages (default). A new connection per message
   * pays the connect, greeting (many servers pause it on purpose) and EHLO every time: with a
   * 100 ms greeting pause the worker sent 9 messages/s instead of hundreds (docs/performance.md).
   */
  pool?: boolean;
  /** Sign every message with DKIM (DKIM_DOMAIN, DKIM_SELECTOR, the private key; ADR 0077). */
  dkim?: DkimSettings | null;
  /**
   * Collect bounces (ADR 0087): each message's envelope sender (MAIL FROM, where bounces go) is its
   * own signed address below this mailbox; the From header stays `from`.
   */
  bounce?: { address: string; secret: string } | null;
};

export function smtpMailer(settings: SmtpSettings): Mailer {
  const timeout = settings.timeoutMs ?? 30_000;
  const socketTimeout = settings.socketTimeoutMs ?? SMTP_REPLY_TIMEOUT_MS;
  const transporter = nodemailer.createTransport({
    ...(settings.pool === false ? {} : { pool: true as const, maxConnections: 1, maxMessages: 500 }),
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? "" } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout,
    ...dkimOptions(settings.dkim),
  });
  return {
    kind: "smtp",
    sender: senderOf(settings.from),
    async send(mail) {
      const bounce = settings.bounce;
      const info = await transporter.sendMail({
        ...message(mail, settings.from, settings.domain),
        ...(bounce
          ? { envelope: { from: bounceAddressFor(mail.notificationId, bounce.address, bounce.secret), to: mail.to } }
          : {}),
      });
      if (info.rejected.length > 0) {
        throw new Error(`Destinatario rifiutato dal server SMTP: ${info.response ?? ""}`.trim());
      }
    },
    close: () => transporter.close(),
  };
}

/** Development: one .eml per notification (rewritten, not duplicated, if sent again). */
export function fileMailer(options: { dir?: string; from: string; domain: string }): Mailer {
  const dir = options.dir ?? DEV_OUTBOX_DIR;
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "file",
    sender: senderOf(options.from),
    async send(mail) {
      const file = devMessagePath(mail.notificationId, dir);
      if (!file) throw new Error("Identificativo di notifica non valido");
      const info = await transporter.sendMail(message(mail, options.from, options.domain));
      await fs.promises.mkdir(dir, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await fs.promises.writeFile(temporary, info.message as Buffer);
      await fs.promises.rename(temporary, file);
    },
    close: () => transporter.close(),
  };
}

export type MailerChoice = { mailer: Mailer | null; warning: string | null };

export function mailerFromEnv(env: Env): MailerChoice {
  const domain = hostOf(env.APP_ORIGIN);
  const from = env.MAIL_FROM ?? defaultFrom(env.APP_ORIGIN);
  if (env.SMTP_HOST) {
    const secure = env.SMTP_SECURE === "true";
    return {
      mailer: smtpMailer({
        host: env.SMTP_HOST,
        port: env.SMTP_PORT ?? (secure ? 465 : 587),
        secure,
        user: env.SMTP_USER,
        password: env.SMTP_PASSWORD,
        from,
        domain,
        dkim: env.dkim,
        bounce: env.MAIL_BOUNCE_ADDRESS ? { address: env.MAIL_BOUNCE_ADDRESS, secret: env.SESSION_SECRET } : null,
      }),
      warning: null,
    };
  }
  if (env.NODE_ENV !== "production") return { mailer: fileMailer({ from, domain }), warning: null };
  return {
    mailer: null,
    warning:
      '[email] SMTP_HOST non impostato: le email non vengono inviate e restano in coda (stato "in-coda") finché non si configura SMTP. / SMTP_HOST is not set: emails stay queued until SMTP is configured.',
  };
}

// A real SMTP server on 127.0.0.1 for the email tests, and a mailer pointed at it.
import net from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { smtpMailer, type Mailer, type SmtpSettings } from "../../app/utils/mailer.server.ts";

export type Inbox = {
  port: number;
  received: ParsedMail[];
  /** Each received message as the server got it, byte for byte (same order as `received`). */
  raw: Buffer[];
  /** Each received message's envelope sender (MAIL FROM; same order as `received`). */
  envelopeSenders: string[];
  stop: () => Promise<void>;
};

/**
 * A real SMTP server on 127.0.0.1, on `port` (any free one by default); `reject` refuses those
 * recipients for good (550, an address that does not exist), `defer` for now (451, try later).
 * `replyAfterMs`: a relay slow to answer the end of DATA (a content scan): each message is received
 * (counted at once) and accepted that much later.
 */
export async function startSmtp(
  options: { port?: number; reject?: readonly string[]; defer?: readonly string[]; replyAfterMs?: number } = {},
): Promise<Inbox> {
  const { port = 0, reject = [], defer = [], replyAfterMs = 0 } = options;
  const received: ParsedMail[] = [];
  const raw: Buffer[] = [];
  const envelopeSenders: string[] = [];
  const server = new SMTPServer({
    // stop() ends a connection a mailer still holds after this long (the default, 30 s, held each test that
    // stopped its server before its mailer for the seconds the mailer's pool took to let go).
    closeTimeout: 200,
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (reject.includes(address.address)) {
        return callback(Object.assign(new Error("5.1.1 Casella inesistente"), { responseCode: 550 }));
      }
      if (defer.includes(address.address)) {
        return callback(Object.assign(new Error("4.3.0 Riprova più tardi"), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        const bytes = Buffer.concat(chunks);
        simpleParser(bytes)
          .then((mail) => {
            received.push(mail);
            raw.push(bytes);
            envelopeSenders.push(session.envelope.mailFrom ? session.envelope.mailFrom.address : "");
            if (replyAfterMs > 0) setTimeout(() => callback(), replyAfterMs);
            else callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.server.address() as net.AddressInfo;
  return {
    port: address.port,
    received,
    raw,
    envelopeSenders,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function mailerFor(
  port: number,
  options: Partial<Pick<SmtpSettings, "dkim" | "from" | "bounce" | "timeoutMs">> = {},
): Mailer {
  return smtpMailer({
    host: "127.0.0.1",
    port,
    secure: false,
    from: "Forma <noreply@forma.example.it>",
    domain: "forma.example.it",
    timeoutMs: 5_000,
    ...options,
  });
}

/** The messages received for this address. */
export function to(inbox: Inbox, email: string): ParsedMail[] {
  return inbox.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === email);
}

// Forma's bounce receiver (ADR 0087): a small SMTP server for the bounce mailbox
// (MAIL_BOUNCE_ADDRESS), on BOUNCE_SMTP_PORT. It accepts only the signed envelope senders Forma's
// emails leave with (one per email, app/utils/bounce-address.server.ts): anything else is refused
// at RCPT TO, so it is no open door for mail. A message with a delivery status report (RFC 3464,
// or its UTF-8 form, RFC 6533) is handed to recordBounce for the email its address names; any other
// message (an auto-reply, a human reply to the bounce address) is accepted and dropped. Every
// worker listens (node:cluster shares the port), and several instances may: a bounce is recorded
// once whichever receives it, and recording it twice changes nothing.
import net from "node:net";
import PostalMime from "postal-mime";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { parseDeliveryStatus, type RecipientDeliveryStatus } from "~/domain/notification-delivery.ts";
import { recordBounce, type BounceOutcome } from "~/models/bounce.server.ts";
import { notificationOfBounceAddress } from "./bounce-address.server.ts";
import { errorFields, logger } from "./logger.server.ts";

/** A bounce quotes at most the original's headers (RFC 3462): 1 MB is plenty, and bounds memory. */
export const BOUNCE_MAX_BYTES = 1024 * 1024;
const REPORT_TYPES = new Set(["message/delivery-status", "message/global-delivery-status"]);

export type BounceReceiver = { port: number; stop: () => Promise<void> };

export type BounceReceiverOptions = {
  port: number;
  host: string;
  /** MAIL_BOUNCE_ADDRESS and the key its signed addresses are made with (SESSION_SECRET). */
  bounceAddress: string;
  secret: string;
  /** Test seam for the outcome of each bounce (default: nothing). */
  onRecorded?: (notificationId: string, outcome: BounceOutcome) => void;
};

/**
 * The delivery status reports of a raw message; none when it is not a bounce in RFC 3464's format.
 * postal-mime gives the message/delivery-status part as an attachment (mailparser folds it into
 * the text); only the MIME structure is read, the quoted original is not.
 */
export async function deliveryReportsOf(raw: Buffer): Promise<RecipientDeliveryStatus[]> {
  const parsed = await PostalMime.parse(raw, { attachmentEncoding: "utf8" });
  return parsed.attachments
    .filter((part) => REPORT_TYPES.has(part.mimeType.toLowerCase()))
    .flatMap((part) =>
      parseDeliveryStatus(typeof part.content === "string" ? part.content : new TextDecoder().decode(part.content)),
    );
}

export async function startBounceReceiver(options: BounceReceiverOptions): Promise<BounceReceiver> {
  const server = new SMTPServer({
    banner: "Forma: ritorni / bounces",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: BOUNCE_MAX_BYTES,
    maxClients: 50,
    socketTimeout: 60_000,
    // A shutdown waits at most this long for a sending server to finish.
    closeTimeout: 5_000,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (notificationOfBounceAddress(address.address, options.bounceAddress, options.secret)) return callback();
      callback(Object.assign(new Error("5.1.1 Indirizzo sconosciuto / Unknown address"), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= BOUNCE_MAX_BYTES) chunks.push(chunk);
      });
      stream.on("error", callback);
      stream.on("end", () => {
        if (bytes > BOUNCE_MAX_BYTES || (stream as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(
            Object.assign(new Error("5.3.4 Messaggio troppo grande / Message too big"), { responseCode: 552 }),
          );
        }
        const ids = session.envelope.rcptTo.flatMap((rcpt) => {
          const id = notificationOfBounceAddress(rcpt.address, options.bounceAddress, options.secret);
          return id ? [id] : [];
        });
        (async () => {
          const reports = await deliveryReportsOf(Buffer.concat(chunks));
          if (reports.length === 0) {
            logger.info({ notifications: ids }, "message to the bounce address without a delivery report: dropped");
            return;
          }
          for (const id of new Set(ids)) {
            const outcome = await recordBounce(id, reports);
            options.onRecorded?.(id, outcome);
          }
        })().then(
          () => callback(),
          (error: unknown) => {
            // The database away: the sending server keeps the bounce and tries again later.
            logger.error({ err: errorFields(error) }, "bounce not recorded");
            callback(Object.assign(new Error("4.3.0 Riprova più tardi / Try again later"), { responseCode: 451 }));
          },
        );
      });
    },
  });
  server.on("error", (error) => logger.error({ err: errorFields(error) }, "bounce receiver error"));
  await new Promise<void>((resolve, fail) => {
    server.server.once("error", fail);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.server.address() as net.AddressInfo;
  logger.info({ port: address.port }, "bounce receiver listening");
  return { port: address.port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

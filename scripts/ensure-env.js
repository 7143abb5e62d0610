// Creates .env from .env.example with a fresh random SESSION_SECRET, if .env does not exist yet.
// Readable and writable by its owner only (0600): SESSION_SECRET signs sessions and derives the
// check-in codes and attendance passes, so another user of the machine must not read it.
// APP_ORIGIN and PORT stay commented out as in .env.example: links follow the PORT the server is
// started with (`PORT=3590 npm run demo`), instead of a :3000 fixed in the file.
import crypto from "node:crypto";
import fs from "node:fs";

if (!fs.existsSync(".env")) {
  const template = fs.readFileSync(".env.example", "utf8");
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(".env", template.replace(/^SESSION_SECRET=.*$/m, `SESSION_SECRET=${secret}`), {
    mode: 0o600,
    flag: "wx",
  });
  console.log("Creato .env con un SESSION_SECRET casuale (leggibile solo da questo utente).");
}

// Creates .env from .env.example with a fresh random SESSION_SECRET, if .env does not exist yet.
import crypto from "node:crypto";
import fs from "node:fs";

if (!fs.existsSync(".env")) {
  const template = fs.readFileSync(".env.example", "utf8");
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(".env", template.replace(/^SESSION_SECRET=.*$/m, `SESSION_SECRET=${secret}`));
  console.log("Creato .env con un SESSION_SECRET casuale.");
}

import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, test } from "vitest";
// The forms' error map (message keys for the pages) is installed for every Zod schema as soon as
// any form is loaded, as it is in the server's bundle.
import "~/forms/fields.ts";
import { AUTO_LONGEST_DUE_DAYS } from "~/domain/automatic-message.ts";
import { databasePoolSizes, parseEnv as parse } from "./env.server.ts";
import { placeholderContactSettings } from "./site-contacts.server.ts";
import { PLACEHOLDER_CONTACTS } from "./site-info.ts";

const parseEnv = (vars: Record<string, string | undefined>) => parse({ NODE_ENV: "test", ...vars });

const PG = "postgresql://forma@db.example.it:5432/forma";
const REPLICA = "postgresql://forma@replica.example.it:5432/forma";

describe("DATABASE_REPLICA_URL (ADR 0017)", () => {
  test("optional; with PostgreSQL it is kept, with the read-your-writes delay", () => {
    expect(parseEnv({ DATABASE_URL: PG }).DATABASE_REPLICA_URL).toBeUndefined();
    expect(parseEnv({ DATABASE_URL: PG, DATABASE_REPLICA_URL: "" }).DATABASE_REPLICA_URL).toBeUndefined();
    const env = parseEnv({ DATABASE_URL: PG, DATABASE_REPLICA_URL: REPLICA });
    expect(env.DATABASE_REPLICA_URL).toBe(REPLICA);
    expect(env.DATABASE_REPLICA_STICKY_SECONDS).toBe(10);
    expect(
      parseEnv({ DATABASE_URL: PG, DATABASE_REPLICA_URL: REPLICA, DATABASE_REPLICA_STICKY_SECONDS: "30" })
        .DATABASE_REPLICA_STICKY_SECONDS,
    ).toBe(30);
  });

  test("refused with SQLite, named and explained", () => {
    for (const DATABASE_URL of [undefined, "file:./data/forma.db"]) {
      expect(() => parseEnv({ DATABASE_URL, DATABASE_REPLICA_URL: REPLICA })).toThrow(
        /DATABASE_REPLICA_URL: una replica di lettura esiste solo con PostgreSQL, ma DATABASE_URL è SQLite/,
      );
    }
  });

  test("must be a PostgreSQL URL", () => {
    expect(() => parseEnv({ DATABASE_URL: PG, DATABASE_REPLICA_URL: "file:./replica.db" })).toThrow(
      /DATABASE_REPLICA_URL: deve essere un URL postgresql:\/\//,
    );
    expect(() =>
      parseEnv({ DATABASE_URL: PG, DATABASE_REPLICA_URL: REPLICA, DATABASE_REPLICA_STICKY_SECONDS: "0" }),
    ).toThrow(/DATABASE_REPLICA_STICKY_SECONDS/);
  });
});

describe("an empty variable (NAME= in .env) counts as unset, for every setting", () => {
  test("numbers get their default, not 0: warm-up, checkpoints and the room link stay on", () => {
    const env = parseEnv({
      FORMA_WARMUP_REQUESTS: "",
      FORMA_SQLITE_CHECKPOINT_MS: "",
      ROOM_LINK_LEAD_MINUTES: " ",
      DASHBOARD_REFRESH_MINUTES: "",
      KEEP_ALIVE_TIMEOUT_SECONDS: "",
    });
    expect(env).toMatchObject({
      FORMA_WARMUP_REQUESTS: 3000,
      FORMA_SQLITE_CHECKPOINT_MS: 100,
      ROOM_LINK_LEAD_MINUTES: 30,
      DASHBOARD_REFRESH_MINUTES: 15,
      KEEP_ALIVE_TIMEOUT_SECONDS: 65,
    });
    expect(databasePoolSizes({ DATABASE_POOL_SIZE: "", DATABASE_QUERY_TIMEOUT_MS: "" })).toMatchObject({
      DATABASE_POOL_SIZE: 10,
      DATABASE_QUERY_TIMEOUT_MS: 60_000,
    });
  });

  test("SESSION_SECRET= as .env.example ships it: the development secret outside production, the usual refusal in it", () => {
    const example = fs.readFileSync(path.resolve(import.meta.dirname, "../../.env.example"), "utf8");
    expect(example).toMatch(/^SESSION_SECRET=$/m);
    expect(parseEnv({ SESSION_SECRET: "" }).SESSION_SECRET).toBe(parseEnv({}).SESSION_SECRET);
    expect(() => parse({ NODE_ENV: "production", SESSION_SECRET: "" })).toThrow(
      /SESSION_SECRET: obbligatorio in produzione/,
    );
  });

  test("settings refused when empty before are unset now, and each means what unset means", () => {
    const env = parseEnv({
      NODE_ENV: "",
      TRUST_PROXY: "",
      LOG_LEVEL: "",
      COOKIE_SECURE: "",
      SMTP_HOST: "",
      SMTP_PASSWORD: "",
      MAIL_FROM: "",
      CONTACT_EMAIL: "",
      OIDC_PROVIDERS: "",
      DATABASE_URL: "",
      DATABASE_REPLICA_URL: "",
      APP_ORIGIN: "",
      PORT: "",
      HOST: "",
    });
    expect(env).toMatchObject({
      NODE_ENV: "development",
      cookieSecure: false,
      CONTACT_EMAIL: PLACEHOLDER_CONTACTS.email,
      OIDC_PROVIDERS: [],
      APP_ORIGIN: "http://localhost:3000",
      PORT: 3000,
      HOST: "0.0.0.0",
    });
    for (const name of [
      "TRUST_PROXY",
      "LOG_LEVEL",
      "SMTP_HOST",
      "SMTP_PASSWORD",
      "MAIL_FROM",
      "DATABASE_URL",
      "DATABASE_REPLICA_URL",
    ] as const)
      expect(env[name], name).toBeUndefined();
    // APP_ORIGIN= still follows PORT.
    expect(parseEnv({ APP_ORIGIN: "", PORT: "3590" }).APP_ORIGIN).toBe("http://localhost:3590");
  });
});

describe("messages for whoever runs Forma", () => {
  test("Zod's own words, not the forms' message keys", () => {
    expect(() => parseEnv({ PORT: "abc" })).toThrow(/PORT: Expected number, received nan/);
    expect(() => parseEnv({ APP_ORIGIN: "not a url" })).toThrow(/APP_ORIGIN: Invalid url/);
    // Unset, it names the port the server listens on (the links of a demo started on another port).
    expect(parseEnv({}).APP_ORIGIN).toBe("http://localhost:3000");
    expect(parseEnv({ PORT: "3590" }).APP_ORIGIN).toBe("http://localhost:3590");
    expect(parseEnv({ PORT: "3590", APP_ORIGIN: "https://forma.istruzione.it" }).APP_ORIGIN).toBe(
      "https://forma.istruzione.it",
    );
  });
});

describe("RETENTION_NOTIFICATION_DAYS", () => {
  test("keeps sent messages longer than an automatic message stays due, so none is written twice", () => {
    // "168 hours before each session": due for 7 days; a row deleted sooner took its dedupe key with it.
    expect(AUTO_LONGEST_DUE_DAYS).toBe(7);
    expect(() => parseEnv({ RETENTION_NOTIFICATION_DAYS: "2" })).toThrow(/RETENTION_NOTIFICATION_DAYS/);
    expect(() => parseEnv({ RETENTION_NOTIFICATION_DAYS: "7" })).toThrow(/RETENTION_NOTIFICATION_DAYS/);
    expect(parseEnv({ RETENTION_NOTIFICATION_DAYS: "8" }).RETENTION_NOTIFICATION_DAYS).toBe(8);
    expect(parseEnv({}).RETENTION_NOTIFICATION_DAYS).toBe(365);
  });
});

describe("FORMA_COMPRESSION (ADR 0038)", () => {
  test("on by default; off for a proxy that compresses; anything else refused at start", () => {
    expect(parseEnv({}).FORMA_COMPRESSION).toBe("on");
    expect(parseEnv({ FORMA_COMPRESSION: "off" }).FORMA_COMPRESSION).toBe("off");
    expect(parseEnv({ FORMA_COMPRESSION: "on" }).FORMA_COMPRESSION).toBe("on");
    for (const value of ["no", "false", "OFF"])
      expect(() => parseEnv({ FORMA_COMPRESSION: value })).toThrow(/FORMA_COMPRESSION/);
    // Empty counts as unset, as for every setting.
    expect(parseEnv({ FORMA_COMPRESSION: "" }).FORMA_COMPRESSION).toBe("on");
  });
});

describe("FILE_STORE", () => {
  it("defaults to the database store", () => {
    expect(parseEnv({}).FILE_STORE).toBe("database");
  });

  it("names the S3 settings that are missing, and refuses S3 until its adapter exists (ADR 0015)", () => {
    expect(() => parseEnv({ FILE_STORE: "s3", S3_BUCKET: "forma-files" })).toThrow(
      /S3_REGION: obbligatorio con FILE_STORE=s3\n {2}S3_ACCESS_KEY_ID: .*\n {2}S3_SECRET_ACCESS_KEY: /,
    );
    expect(() => parseEnv({ FILE_STORE: "s3", S3_BUCKET: "Not_A_Bucket" })).toThrow(/S3_BUCKET/);
    expect(() =>
      parseEnv({
        NODE_ENV: "test",
        FILE_STORE: "s3",
        S3_BUCKET: "forma-files",
        S3_REGION: "eu-south-1",
        S3_ACCESS_KEY_ID: "id",
        S3_SECRET_ACCESS_KEY: "secret",
        S3_ENDPOINT: "http://127.0.0.1:9000",
      }),
    ).toThrow(/FILE_STORE: l'archivio S3 non è ancora disponibile/);
    expect(() => parseEnv({ FILE_STORE: "disk" })).toThrow(/FILE_STORE/);
  });
});

describe("PostgreSQL pool sizes (ADR 0063)", () => {
  test("Prisma's pool 10 and the hot pool 2 per process by default; whole numbers from 1 accepted", () => {
    const env = parseEnv({});
    expect(env.DATABASE_POOL_SIZE).toBe(10);
    expect(env.DATABASE_HOT_POOL_SIZE).toBe(2);
    expect(databasePoolSizes({})).toEqual({
      DATABASE_POOL_SIZE: 10,
      DATABASE_HOT_POOL_SIZE: 2,
      DATABASE_QUERY_TIMEOUT_MS: 60_000,
    });
    expect(
      databasePoolSizes({ DATABASE_POOL_SIZE: "4", DATABASE_HOT_POOL_SIZE: "6", DATABASE_QUERY_TIMEOUT_MS: "2000" }),
    ).toEqual({ DATABASE_POOL_SIZE: 4, DATABASE_HOT_POOL_SIZE: 6, DATABASE_QUERY_TIMEOUT_MS: 2_000 });
  });

  test("anything else refused at start, named", () => {
    for (const value of ["0", "-1", "2.5", "due"]) {
      expect(() => parseEnv({ DATABASE_HOT_POOL_SIZE: value })).toThrow(/DATABASE_HOT_POOL_SIZE/);
      expect(() => parseEnv({ DATABASE_POOL_SIZE: value })).toThrow(/DATABASE_POOL_SIZE/);
      expect(() => databasePoolSizes({ DATABASE_HOT_POOL_SIZE: value })).toThrow(/DATABASE_HOT_POOL_SIZE/);
    }
    // A query timeout under a second would fail ordinary statements on a busy server.
    for (const value of ["0", "999", "2.5", "un minuto"]) {
      expect(() => parseEnv({ DATABASE_QUERY_TIMEOUT_MS: value })).toThrow(/DATABASE_QUERY_TIMEOUT_MS/);
    }
  });
});

describe("FORMA_WARMUP_REQUESTS and FORMA_WARMUP_SECONDS (ADR 0067, 0069)", () => {
  test("3,000 requests by default, at most 10 s; whole numbers of requests from 0, seconds above 0", () => {
    expect(parseEnv({})).toMatchObject({ FORMA_WARMUP_REQUESTS: 3000, FORMA_WARMUP_SECONDS: 10 });
    expect(parseEnv({ FORMA_WARMUP_REQUESTS: "200", FORMA_WARMUP_SECONDS: "2.5" })).toMatchObject({
      FORMA_WARMUP_REQUESTS: 200,
      FORMA_WARMUP_SECONDS: 2.5,
    });
  });

  test("anything else refused at start, named", () => {
    for (const value of ["-1", "2.5", "molte", "100001"])
      expect(() => parseEnv({ FORMA_WARMUP_REQUESTS: value })).toThrow(/FORMA_WARMUP_REQUESTS/);
    for (const value of ["0", "-3", "mezzo", "301"])
      expect(() => parseEnv({ FORMA_WARMUP_SECONDS: value })).toThrow(/FORMA_WARMUP_SECONDS/);
  });
});

describe("FORMA_SQLITE_CHECKPOINT_MS (ADR 0071)", () => {
  test("100 ms by default; 0 (SQLite's own automatic checkpoints) up to a minute", () => {
    expect(parseEnv({})).toMatchObject({ FORMA_SQLITE_CHECKPOINT_MS: 100 });
    expect(parseEnv({ FORMA_SQLITE_CHECKPOINT_MS: "0" })).toMatchObject({ FORMA_SQLITE_CHECKPOINT_MS: 0 });
    expect(parseEnv({ FORMA_SQLITE_CHECKPOINT_MS: "60000" })).toMatchObject({ FORMA_SQLITE_CHECKPOINT_MS: 60_000 });
  });

  test("anything else refused at start, named", () => {
    for (const value of ["-1", "2.5", "spesso", "60001"])
      expect(() => parseEnv({ FORMA_SQLITE_CHECKPOINT_MS: value })).toThrow(/FORMA_SQLITE_CHECKPOINT_MS/);
  });
});

describe("DKIM signing (ADR 0077)", () => {
  const rsa = (bits: number) =>
    crypto
      .generateKeyPairSync("rsa", { modulusLength: bits })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
  const key = rsa(2048);
  const base = { APP_ORIGIN: "https://forma.istruzione.it", DKIM_DOMAIN: "istruzione.it", DKIM_SELECTOR: "forma2026" };

  it("off when nothing is set", () => {
    expect(parseEnv({}).dkim).toBeNull();
  });

  it("reads the key from a file or from the variable (one line, \\n for line breaks)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "forma-dkim-"));
    const file = path.join(dir, "dkim.pem");
    fs.writeFileSync(file, key, { mode: 0o600 });
    expect(parseEnv({ ...base, DKIM_PRIVATE_KEY_FILE: file }).dkim).toEqual({
      domainName: "istruzione.it",
      keySelector: "forma2026",
      privateKey: key,
    });
    expect(parseEnv({ ...base, DKIM_PRIVATE_KEY: key.replace(/\n/g, "\\n") }).dkim?.privateKey).toBe(key);
    expect(parseEnv({ ...base, DKIM_PRIVATE_KEY: key }).dkim?.privateKey).toBe(key);
    // The From on a subdomain of the signing domain is aligned (DMARC relaxed), and so is MAIL_FROM's domain.
    expect(parseEnv({ ...base, DKIM_PRIVATE_KEY: key, DKIM_DOMAIN: "forma.istruzione.it" }).dkim).not.toBeNull();
    expect(
      parseEnv({
        ...base,
        DKIM_PRIVATE_KEY: key,
        DKIM_DOMAIN: "etwinning.it",
        MAIL_FROM: "Forma <noreply@etwinning.it>",
      }).dkim?.domainName,
    ).toBe("etwinning.it");
    fs.rmSync(dir, { recursive: true });
  });

  it("refuses at start, naming the setting, whatever is missing, unreadable, weak or not aligned with the sender", () => {
    expect(() => parseEnv({ DKIM_DOMAIN: "istruzione.it" })).toThrow(
      /DKIM_SELECTOR: obbligatorio[\s\S]*DKIM_PRIVATE_KEY o DKIM_PRIVATE_KEY_FILE: obbligatorio/,
    );
    expect(() => parseEnv({ ...base, DKIM_PRIVATE_KEY: key, DKIM_PRIVATE_KEY_FILE: "/etc/forma/dkim.pem" })).toThrow(
      /serve uno solo dei due/,
    );
    expect(() => parseEnv({ ...base, DKIM_PRIVATE_KEY_FILE: "/nonexistent/dkim.pem" })).toThrow(
      /DKIM_PRIVATE_KEY_FILE: non si può leggere \/nonexistent\/dkim.pem \(ENOENT\)/,
    );
    expect(() => parseEnv({ ...base, DKIM_PRIVATE_KEY: "not a key" })).toThrow(
      /DKIM_PRIVATE_KEY: non è una chiave privata PEM/,
    );
    expect(() => parseEnv({ ...base, DKIM_PRIVATE_KEY: rsa(512) })).toThrow(
      /la chiave RSA ha 512 bit, ne servono almeno 1024/,
    );
    const ed25519 = crypto
      .generateKeyPairSync("ed25519")
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    expect(() => parseEnv({ ...base, DKIM_PRIVATE_KEY: ed25519 })).toThrow(/serve una chiave privata RSA/);
    expect(() => parseEnv({ ...base, DKIM_PRIVATE_KEY: key, DKIM_DOMAIN: "example.org" })).toThrow(
      /DKIM_DOMAIN: example.org non corrisponde al dominio del mittente \(forma.istruzione.it\)/,
    );
    expect(() => parseEnv({ ...base, DKIM_PRIVATE_KEY: key, DKIM_DOMAIN: "not a domain" })).toThrow(
      /DKIM_DOMAIN: non è un nome di dominio/,
    );
    expect(() => parseEnv({ ...base, DKIM_PRIVATE_KEY: key, DKIM_SELECTOR: "a;b=c" })).toThrow(
      /DKIM_SELECTOR: non è un selettore DKIM/,
    );
  });
});

describe("MAIL_FROM", () => {
  it("is one address, bare or with a display name", () => {
    expect(parseEnv({ MAIL_FROM: "Forma <noreply@etwinning.it>" }).MAIL_FROM).toBe("Forma <noreply@etwinning.it>");
    expect(parseEnv({ MAIL_FROM: '"Forma, eTwinning" <noreply@etwinning.it>' }).MAIL_FROM).toBeDefined();
    expect(parseEnv({ MAIL_FROM: " noreply@etwinning.it " }).MAIL_FROM).toBe("noreply@etwinning.it");
    expect(parseEnv({}).MAIL_FROM).toBeUndefined();
  });

  it("refuses at start a value nodemailer would send without a From header or with an empty envelope sender", () => {
    for (const value of [
      "Forma",
      "noreply",
      "Forma <noreply>",
      "a@b.it, c@d.it",
      "Forma <a@b.it> x",
      "noreply@localhost",
    ]) {
      expect(() => parseEnv({ MAIL_FROM: value }), value).toThrow(/MAIL_FROM: deve essere un indirizzo/);
    }
  });
});

describe("bounces (MAIL_BOUNCE_ADDRESS, BOUNCE_SMTP_PORT; ADR 0087)", () => {
  it("are off by default, and read in lower case", () => {
    expect(parseEnv({}).MAIL_BOUNCE_ADDRESS).toBeUndefined();
    expect(parseEnv({}).BOUNCE_SMTP_PORT).toBeUndefined();
    expect(parseEnv({ MAIL_BOUNCE_ADDRESS: " Ritorni@Forma.Example.it ", BOUNCE_SMTP_PORT: "2525" })).toMatchObject({
      MAIL_BOUNCE_ADDRESS: "ritorni@forma.example.it",
      BOUNCE_SMTP_PORT: 2525,
    });
  });

  it("refuse at start a receiver without a mailbox, a mailbox that is not an address or already has a +", () => {
    expect(() => parseEnv({ BOUNCE_SMTP_PORT: "2525" })).toThrow(/BOUNCE_SMTP_PORT: richiede MAIL_BOUNCE_ADDRESS/);
    expect(() => parseEnv({ MAIL_BOUNCE_ADDRESS: "ritorni" })).toThrow(/MAIL_BOUNCE_ADDRESS: non è un indirizzo email/);
    expect(() => parseEnv({ MAIL_BOUNCE_ADDRESS: "ritorni+forma@forma.example.it" })).toThrow(
      /MAIL_BOUNCE_ADDRESS: senza "\+"/,
    );
    expect(() => parseEnv({ MAIL_BOUNCE_ADDRESS: "ritorni@forma.example.it", BOUNCE_SMTP_PORT: "70000" })).toThrow(
      /BOUNCE_SMTP_PORT/,
    );
  });
});

describe("settings checked at start that used to fail later or never (HOST, TRUST_PROXY, FORMA_*)", () => {
  test("PORT is a TCP port, HOST an address or a host name", () => {
    expect(parseEnv({}).HOST).toBe("0.0.0.0");
    expect(parseEnv({ HOST: "127.0.0.1", PORT: "65535" })).toMatchObject({ HOST: "127.0.0.1", PORT: 65535 });
    expect(parseEnv({ HOST: "::1" }).HOST).toBe("::1");
    expect(parseEnv({ HOST: "forma.example.it" }).HOST).toBe("forma.example.it");
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT: Number must be less than or equal to 65535/);
    expect(() => parseEnv({ HOST: "forma_example!" })).toThrow(/HOST: deve essere un indirizzo IP o un nome di host/);
  });

  test("TRUST_PROXY: what Express accepts, anything else named at start", () => {
    for (const value of ["1", "true", "false", "loopback", "10.0.0.0/8", "10.0.0.1, 192.168.0.0/16", "::1", "fd00::/8"])
      expect(parseEnv({ TRUST_PROXY: value }).TRUST_PROXY).toBe(value);
    for (const value of ["il-proxy", "10.0.0.0/33", "10.0.0.1/8/2", "yes"])
      expect(() => parseEnv({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: deve essere/);
  });

  test("DATABASE_URL, LOG_LEVEL, FORMA_BACKGROUND_JOBS, FORMA_IDLE_RELEASE_SECONDS, FORMA_MEMORY_LOG_SECONDS", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://db/forma" })).toThrow(/DATABASE_URL: usa "file:percorso.db"/);
    expect(() => parseEnv({ LOG_LEVEL: "verbose" })).toThrow(/LOG_LEVEL/);
    expect(parseEnv({})).toMatchObject({ FORMA_BACKGROUND_JOBS: "on", FORMA_IDLE_RELEASE_SECONDS: 5 });
    expect(parseEnv({}).FORMA_MEMORY_LOG_SECONDS).toBeUndefined();
    const empty = parseEnv({ FORMA_IDLE_RELEASE_SECONDS: "", FORMA_MEMORY_LOG_SECONDS: "" });
    expect(empty.FORMA_IDLE_RELEASE_SECONDS).toBe(5);
    expect(empty.FORMA_MEMORY_LOG_SECONDS).toBeUndefined();
    expect(
      parseEnv({ FORMA_BACKGROUND_JOBS: "off", FORMA_IDLE_RELEASE_SECONDS: "0", FORMA_MEMORY_LOG_SECONDS: "30" }),
    ).toMatchObject({
      FORMA_BACKGROUND_JOBS: "off",
      FORMA_IDLE_RELEASE_SECONDS: 0,
      FORMA_MEMORY_LOG_SECONDS: 30,
    });
    // "false" and "0" left the jobs running without a word.
    for (const value of ["false", "0", "no"])
      expect(() => parseEnv({ FORMA_BACKGROUND_JOBS: value })).toThrow(/FORMA_BACKGROUND_JOBS/);
    expect(() => parseEnv({ FORMA_IDLE_RELEASE_SECONDS: "cinque" })).toThrow(/FORMA_IDLE_RELEASE_SECONDS/);
    expect(() => parseEnv({ FORMA_IDLE_RELEASE_SECONDS: "-1" })).toThrow(/FORMA_IDLE_RELEASE_SECONDS/);
    // An unusable value was silently ignored: no memory log and no word why.
    expect(() => parseEnv({ FORMA_MEMORY_LOG_SECONDS: "abc" })).toThrow(/FORMA_MEMORY_LOG_SECONDS/);
  });
});

describe("commands the start's messages tell the operator to run", () => {
  test("exist: every npm run script and node script named by a refusal", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const scripts = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: object })
      .scripts;
    const sources = [
      "app/utils/env.server.ts",
      "app/utils/migration-check.server.ts",
      "app/utils/startup-failure.server.ts",
    ]
      .map((file) => fs.readFileSync(path.join(root, file), "utf8"))
      .join("\n");
    const npmRuns = [...sources.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(npmRuns.length).toBeGreaterThan(0);
    for (const name of npmRuns) expect(Object.keys(scripts), `npm run ${name}`).toContain(name);
    for (const [, file] of sources.matchAll(/node (scripts\/[\w.-]+)/g))
      expect(fs.existsSync(path.join(root, file!)), file).toBe(true);
  });

  test("a production start without SESSION_SECRET says how to make one", () => {
    expect(() => parse({ NODE_ENV: "production" })).toThrow(
      /SESSION_SECRET: obbligatorio in produzione, .*openssl rand -base64 32.*node scripts\/ensure-env\.js/,
    );
  });
});

describe("the service's contact addresses (CONTACT_EMAIL, ACCESSIBILITY_EMAIL, DPO_EMAIL; ADR 0104)", () => {
  it("default to the demo's placeholders, which the start names; set ones are kept in lower case", () => {
    const defaults = parseEnv({});
    const contacts = {
      email: defaults.CONTACT_EMAIL,
      accessibilityEmail: defaults.ACCESSIBILITY_EMAIL,
      dpoEmail: defaults.DPO_EMAIL,
    };
    expect(contacts).toEqual(PLACEHOLDER_CONTACTS);
    expect(placeholderContactSettings(contacts)).toEqual(["CONTACT_EMAIL", "ACCESSIBILITY_EMAIL", "DPO_EMAIL"]);
    const set = parseEnv({ CONTACT_EMAIL: " Formazione@USR.example.org ", DPO_EMAIL: "rpd@usr.example.org" });
    expect(set.CONTACT_EMAIL).toBe("formazione@usr.example.org");
    expect(
      placeholderContactSettings({
        email: set.CONTACT_EMAIL,
        accessibilityEmail: set.ACCESSIBILITY_EMAIL,
        dpoEmail: set.DPO_EMAIL,
      }),
    ).toEqual(["ACCESSIBILITY_EMAIL"]);
  });

  it("refuse at start what is not an address, naming the setting", () => {
    for (const name of ["CONTACT_EMAIL", "ACCESSIBILITY_EMAIL", "DPO_EMAIL"]) {
      expect(() => parseEnv({ [name]: "formazione" }), name).toThrow(new RegExp(`${name}: non è un indirizzo email`));
    }
  });
});

describe("OIDC_PROVIDERS labels (ADR 0014, addendum of 07/12/2026)", () => {
  const base = {
    id: "spid",
    issuer: "https://id.example.it",
    clientId: "forma",
    clientSecret: "s",
    label: "Entra con SPID",
  };
  const providers = (list: unknown[]) => parseEnv({ OIDC_PROVIDERS: JSON.stringify(list) }).OIDC_PROVIDERS;

  test("an English label is optional: a configuration without one is read as before", () => {
    expect(providers([base])[0]).toMatchObject({ label: "Entra con SPID" });
    expect(providers([base])[0]!.labelEn).toBeUndefined();
    expect(providers([{ ...base, labelEn: "Sign in with SPID" }])[0]).toMatchObject({
      label: "Entra con SPID",
      labelEn: "Sign in with SPID",
    });
  });

  test("an English label is checked as the label is, and a misspelt field stops the start with the variable named", () => {
    expect(() => providers([{ ...base, labelEn: "" }])).toThrow(/OIDC_PROVIDERS/);
    expect(() => providers([{ ...base, labelEn: "x".repeat(61) }])).toThrow(/OIDC_PROVIDERS/);
    // The JSON's fields are camelCase (clientId, privateKeyJwk): label_en is not read silently as nothing.
    expect(() => providers([{ ...base, label_en: "Sign in with SPID" }])).toThrow(/OIDC_PROVIDERS/);
  });
});

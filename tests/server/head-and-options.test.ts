// HEAD and other methods on the pages and files of every kind of user (a hostile review of 08/12/2026), on the
// production server. HEAD answers what GET answers (status and type) without a body, for pages, redirects, feeds,
// PDFs, CSVs, ZIPs and spreadsheets alike, and a HEAD of a page logs no error (an uptime monitor's HEAD logged
// "streaming render failed" at error level). OPTIONS, PUT, PATCH and DELETE are 405 with Allow: before, Remix ran a
// file's loader for OPTIONS (a certificate's PDF, the participants' CSV were sent in answer) and a page's action
// for PUT, PATCH or DELETE, and its own 405s had no Allow.
import http from "node:http";
import { afterAll, beforeAll, expect, test } from "vitest";
import { SESSION_SECRET, startServer, type RunningServer } from "./support.ts";

let server: RunningServer;
const paths: { path: string; cookie?: string }[] = [];

beforeAll(async () => {
  process.env.SESSION_SECRET = SESSION_SECRET;
  const { createCertificate, createEnrolment, createOpenEdition, createUser } = await import("../support/factories.ts");
  const { cookieOf } = await import("../support/routes.ts");
  const { prisma } = await import("../../app/utils/db.server.ts");
  const { event, edition, organiser } = await createOpenEdition();
  const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
  const teacher = await createUser();
  const place = await createEnrolment(edition, teacher.id);
  const certificate = await createCertificate({ enrolmentId: place.id, userId: teacher.id }, edition);
  await prisma.questionnaireSubmission.create({ data: { editionId: edition.id, userId: teacher.id } });
  const asTeacher = await cookieOf(teacher.id);
  const asNational = await cookieOf(organiser.id);
  for (const path of [
    "/",
    "/eventi",
    `/eventi/${event.id}`,
    `/eventi/${event.id}/calendario.ics`,
    "/eventi/feed.ics",
    "/eventi/feed.json",
    "/eventi.data",
    "/sitemap.xml",
    "/robots.txt",
    "/attestati/verifica",
    `/attestati/verifica/${certificate.code}`,
    "/accedi",
    "/registrati",
    "/password-dimenticata",
    "/privacy",
    "/note-legali",
    "/dichiarazione-accessibilita",
    "/le-mie-iscrizioni",
    "/healthz",
    "/readyz",
    "/favicon.svg",
    "/non-esiste",
    "/reimposta-password/sconosciuto",
    "/esci",
  ])
    paths.push({ path });
  for (const path of [
    "/le-mie-iscrizioni",
    `/le-mie-iscrizioni/${place.id}/qr`,
    "/il-mio-piano",
    "/il-mio-piano.pdf",
    "/profilo",
    "/profilo/dati.zip",
    `/attestati/${certificate.id}.pdf`,
    `/attestati/${certificate.id}/inglese.pdf`,
    "/sessione",
    "/gestione/eventi",
  ])
    paths.push({ path, cookie: asTeacher });
  for (const path of [
    "/gestione/eventi",
    `/gestione/eventi/${event.id}`,
    `/gestione/edizioni/${edition.id}`,
    `/gestione/edizioni/${edition.id}/iscritti.csv`,
    `/gestione/edizioni/${edition.id}/attestati.zip`,
    `/formazione/incontri/${session.id}`,
    `/formazione/incontri/${session.id}/registro.pdf`,
    `/formazione/incontri/${session.id}/registro.csv`,
    "/cruscotto",
    "/cruscotto.csv",
    "/cruscotto.xlsx",
    "/admin/utenti",
  ])
    paths.push({ path, cookie: asNational });
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Methods Forma does not answer: OPTIONS (no cross-origin use is offered), and those no page of Forma sends. */
const OTHER_METHODS = ["OPTIONS", "PUT", "PATCH", "DELETE"];

/** One request, its status, headers and the bytes of its body as they came. */
function request(method: string, path: string, cookie?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number }>((resolve, reject) => {
    const req = http.request(
      `${server.url}${path}`,
      { method, headers: { ...(cookie ? { cookie } : {}), "accept-encoding": "identity" } },
      (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, bytes }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

test("HEAD answers GET's status and type without a body; OPTIONS, PUT, PATCH and DELETE 405 with Allow; no 5xx, no error logged", async () => {
  const before = server.logs.length;
  const differences: string[] = [];
  for (const { path, cookie } of paths) {
    const who = cookie ? "signed in" : "visitor";
    const get = await request("GET", path, cookie);
    const head = await request("HEAD", path, cookie);
    if (get.status >= 500) differences.push(`${who} GET ${path}: ${get.status}`);
    if (head.status !== get.status) differences.push(`${who} HEAD ${path}: ${head.status}, GET ${get.status}`);
    if (head.bytes !== 0) differences.push(`${who} HEAD ${path}: a body of ${head.bytes} bytes`);
    const type = (h: http.IncomingHttpHeaders) => (h["content-type"] ?? "").split(";")[0];
    if (type(head.headers) !== type(get.headers))
      differences.push(`${who} HEAD ${path}: ${type(head.headers)}, GET ${type(get.headers)}`);
    for (const method of OTHER_METHODS) {
      const other = await request(method, path, cookie);
      if (other.status !== 405 || other.headers.allow !== "GET, HEAD, POST")
        differences.push(`${who} ${method} ${path}: ${other.status} Allow ${other.headers.allow}`);
    }
  }
  expect(differences).toEqual([]);
  const errors = server.logs.slice(before).filter((line) => line.level === "error" || line.level === "fatal");
  expect(errors).toEqual([]);
});

test("HEAD of a page logs no error: the render the app stops, its document not sent, is not a fault", async () => {
  const before = server.logs.length;
  const pages = paths.filter(
    ({ path }) => !/\.(ics|json|data|xml|txt|svg|pdf|csv|zip|xlsx)$|^\/(healthz|readyz)$/.test(path),
  );
  for (let round = 0; round < 5; round++) {
    for (const { path, cookie } of pages) expect((await request("HEAD", path, cookie)).status).toBeLessThan(500);
  }
  await expect
    .poll(() => server.logs.slice(before).filter((line) => line.msg === "request").length)
    .toBe(5 * pages.length);
  const errors = server.logs.slice(before).filter((line) => line.level === "error" || line.level === "fatal");
  expect(errors.map((line) => line.msg)).toEqual([]);
});

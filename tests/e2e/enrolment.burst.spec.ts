// 1,000 distinct signed-in teachers ask for the 350 seats of one edition at the same moment,
// through the production server (on PostgreSQL, through two app instances on one database).
// Everyone gets a definite answer: exactly 350 seats, everyone else on the waitlist at
// positions 1..650 without gaps or duplicates, and no error responses.
// The 1,000 teachers and their sessions are made as signing up and signing in make them
// (support/database.ts: rows and signed cookies), not through the forms: 2,000 argon2id hashes
// would cost most of this spec's time, while what it proves is the enrolment under load.
import { expect, test, type Page } from "@playwright/test";
import { createTeachers } from "./support/database.ts";
import { loginAs } from "./support/index.ts";

const TEACHERS = 1000;
const SEATS = 350;

test.describe.configure({ timeout: 300_000 });

const RUN = Date.now().toString(36);

async function inBatches<T>(count: number, size: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < count; start += size) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, k) => fn(start + k)))));
  }
  return out;
}

async function findCorsoDiBase(page: Page) {
  await page.goto(`/eventi?q=${encodeURIComponent("Corso di base eTwinning")}`);
  await page
    .getByRole("main")
    .getByRole("link", { name: /^Corso di base eTwinning$/ })
    .first()
    .click();
  const href = await page
    .getByRole("main")
    .getByRole("link", { name: /^Iscriviti/ })
    .first()
    .getAttribute("href");
  const url = new URL(href!, page.url());
  return { enrolPath: url.pathname, editionId: url.searchParams.get("edizione")! };
}

test("1,000 concurrent enrolments for 350 seats: 350 enrolled, waitlist 1..650, no errors", async ({
  page,
  baseURL,
}, testInfo) => {
  const instances = [baseURL!];
  if (testInfo.project.name.startsWith("postgresql") && process.env.FORMA_E2E_SECOND_INSTANCE_URL) {
    instances.push(process.env.FORMA_E2E_SECOND_INSTANCE_URL);
  }
  const { enrolPath, editionId } = await findCorsoDiBase(page);
  // Confirmed emails (enrolment needs one), half in Toscana and half in Lombardia, each signed in.
  const sessions = await createTeachers(
    Array.from({ length: TEACHERS }, (_, i) => ({
      email: `burst.${RUN}.${i}@scuola.example.it`,
      firstName: "Docente",
      lastName: `Burst${i}`,
      schoolLevel: "primaria",
      regionCode: i % 2 ? "toscana" : "lombardia",
      professionalRole: "docente",
    })),
  );
  const cookies = sessions.map(({ name, value }) => `${name}=${value}`);

  // All at once, spread over the instances.
  const responses = await Promise.all(
    cookies.map((cookie, i) =>
      fetch(`${instances[i % instances.length]}${enrolPath}`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ editionId }),
        redirect: "manual",
      }).then((r) => ({ status: r.status, location: r.headers.get("location") ?? "" })),
    ),
  );
  const unexpected = responses.filter((r) => r.status !== 302 || !r.location.startsWith("/le-mie-iscrizioni?esito="));
  expect(unexpected).toEqual([]);

  // What each teacher is told on "Le mie iscrizioni".
  const told = await inBatches(TEACHERS, 25, async (i) => {
    const html = await (
      await fetch(`${baseURL}${responses[i]!.location}`, { headers: { cookie: cookies[i]! } })
    ).text();
    const position = /in posizione (\d+)/.exec(html);
    if (html.includes("Iscrizione confermata")) return { seated: true, position: null };
    expect(position, `teacher ${i} is told an outcome`).not.toBeNull();
    return { seated: false, position: Number(position![1]) };
  });
  expect(told.filter((t) => t.seated)).toHaveLength(SEATS);
  const positions = told
    .filter((t) => !t.seated)
    .map((t) => t.position!)
    .sort((a, b) => a - b);
  expect(positions).toEqual(Array.from({ length: TEACHERS - SEATS }, (_, k) => k + 1));

  // And what the organiser sees.
  await loginAs(page, "admin", { redirectTo: `/gestione/edizioni/${editionId}` });
  await expect(page.getByTestId("count-enrolled")).toHaveText(String(SEATS));
  await expect(page.getByTestId("count-waitlisted")).toHaveText(String(TEACHERS - SEATS));
  await expect(page.getByTestId("seats-left")).toHaveText("0");
});

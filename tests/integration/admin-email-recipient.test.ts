// The email log (/admin/email) names and searches each message's own recipient: a change of address's
// confirmation goes to the new address and its notice to the old one, whatever the account's address is now.
// It showed and searched the account's current address only: the operator asked about a confirmation that
// never reached the new address found "Nessun messaggio", and under the old address a 550 it never had.
import { afterAll, describe, expect, it } from "vitest";
import { confirmEmailChange, issueAccountToken } from "../../app/models/account-tokens.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import * as adminEmailRoute from "../../app/routes/admin.email.tsx";
import { createUser, unique } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

type Page = {
  rows: { id: string; kind: string; email: string; deliveryStatus: string }[];
  counts: Record<string, number>;
  bulkRetryable: number;
};

describe("the email log's recipient", () => {
  it("is the message's own address: shown, found by the search, and retried by 'retry every failed email'", async () => {
    const tag = unique("dest").toLowerCase();
    const address = (name: string) => `${tag}-${name}@scuola.example.it`;
    const national = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const cookie = await cookieOf(national.id);
    const page = async (search: string) => {
      const query = search ? `?destinatario=${encodeURIComponent(search)}` : "";
      const answer = await runRoute(adminEmailRoute.loader as unknown as Handler, {
        cookie,
        url: `http://localhost/admin/email${query}`,
      });
      expect(answer.status).toBe(200);
      return answer.data as Page;
    };

    // Anna asks for a new address, mistyped on the school's side: its confirmation is refused for good.
    const anna = await createUser({ email: address("anna-vecchia") });
    await prisma.$transaction((tx) =>
      issueAccountToken(tx, anna.id, "cambio-email", new Date(), address("anna-nuova")),
    );
    const { id: confirmation } = await prisma.notification.findFirstOrThrow({
      where: { userId: anna.id, kind: "cambio-email" },
    });
    await prisma.notification.update({
      where: { id: confirmation },
      data: { deliveryStatus: "errore", deliveryAttempts: 1, lastError: "550 5.1.1 No such user" },
    });

    // Found by the address it was for, and shown under it.
    const byNew = await page(`${tag}-anna-nuova`);
    expect(byNew.rows.map((r) => [r.id, r.email])).toEqual([[confirmation, address("anna-nuova")]]);
    expect(byNew.counts).toEqual({ errore: 1 });
    expect(byNew.bulkRetryable).toBe(1);
    // Not under the account's address, whose mailbox refused nothing.
    const byOld = await page(address("anna-vecchia"));
    expect(byOld.rows).toEqual([]);
    expect(byOld.bulkRetryable).toBe(0);
    // The whole log names it by its recipient too.
    expect((await page("")).rows.find((r) => r.id === confirmation)?.email).toBe(address("anna-nuova"));

    // Bruno confirms his new address: the notice of the change goes to the old one, which the account no
    // longer has, and names the new one in its payload; it is found by the old address only.
    const bruno = await createUser({ email: address("bruno-vecchia") });
    const raw = await prisma.$transaction((tx) =>
      issueAccountToken(tx, bruno.id, "cambio-email", new Date(), address("bruno-nuova")),
    );
    expect(await confirmEmailChange(raw)).toMatchObject({ ok: true });
    const notice = await prisma.notification.findFirstOrThrow({
      where: { userId: bruno.id, kind: "email-modificata" },
    });
    const brunoOld = await page(`${tag}-bruno-vecchia`);
    expect(brunoOld.rows.map((r) => [r.kind, r.email])).toEqual([["email-modificata", address("bruno-vecchia")]]);
    const brunoNew = await page(`${tag}-bruno-nuova`);
    expect(brunoNew.rows.map((r) => [r.kind, r.email])).toEqual([["cambio-email", address("bruno-nuova")]]);
    expect(brunoNew.rows.map((r) => r.id)).not.toContain(notice.id);

    // "Retry every failed email" to the new address queues Anna's confirmation again.
    const search = `http://localhost/admin/email?destinatario=${encodeURIComponent(`${tag}-anna-nuova`)}`;
    const done = await runRoute(adminEmailRoute.action as unknown as Handler, {
      cookie,
      url: search,
      form: { intent: "retry-failed" },
    });
    expect(done.location).toBe(
      `/admin/email?destinatario=${encodeURIComponent(`${tag}-anna-nuova`)}&esito=riprovate&n=1`,
    );
    expect(await prisma.notification.findUniqueOrThrow({ where: { id: confirmation } })).toMatchObject({
      deliveryStatus: "in-coda",
      deliveryAttempts: 0,
    });
    // Out of the way of other files' deliveries.
    await prisma.notification.updateMany({
      where: { userId: { in: [anna.id, bruno.id] } },
      data: { deliveryStatus: "non-inviare" },
    });
  });
});

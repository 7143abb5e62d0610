// The national unit's searches read `%` and `_` as typed (review 0017, finding 6): Prisma's `contains` is SQL LIKE,
// whose wildcards they are. "mario_rossi@…" on /admin/email listed mario.rossi@…'s messages too, and the button
// "Riprova le notifiche in errore a «mario_rossi@…»" queued them again; on /admin/utenti it listed look-alike
// accounts next to the one meant. And /admin/utenti said "only the first 50 are shown" when exactly 50 matched.
import { afterAll, describe, expect, it } from "vitest";
import { ACCOUNTS_READ_MAX, recipientWhere } from "../../app/models/notification-recipient.server.ts";
import { CANDIDATES_READ_MAX, searchUsers, USER_SEARCH_LIMIT } from "../../app/models/roles.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import * as adminEmailRoute from "../../app/routes/admin.email.tsx";
import * as adminUsersRoute from "../../app/routes/admin.utenti.tsx";
import { createTeachers, createUser, unique } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

describe("the admin searches", () => {
  it("/admin/utenti finds `_` and `%` as typed, in addresses and names", async () => {
    const tag = unique("lit").toLowerCase();
    const meant = await createUser({ email: `${tag}_mario@scuola.example.it`, lastName: `Rossi_${tag}` });
    const lookAlike = await createUser({ email: `${tag}.mario@scuola.example.it`, lastName: `Rossi-${tag}` });
    expect((await searchUsers(`${tag}_mario`)).users.map((u) => u.id)).toEqual([meant.id]);
    expect((await searchUsers(`rossi_${tag}`)).users.map((u) => u.id)).toEqual([meant.id]);
    expect((await searchUsers(`${tag}%mario`)).users).toEqual([]);
    // The plain words still find both.
    expect(new Set((await searchUsers(`${tag} mario`)).users.map((u) => u.id))).toEqual(
      new Set([meant.id, lookAlike.id]),
    );
  });

  it("reads a bounded number of accounts for a search of wildcards alone, whatever the table's size", async () => {
    // "_" or "%" matches every account in SQL and next to none literally: the searches read the whole table, 500
    // rows at a time (a sort of it each), on every load of the page. They now stop after a bounded number of rows.
    await createTeachers(CANDIDATES_READ_MAX + ACCOUNTS_READ_MAX + 100);
    const tag = unique("tardi").toLowerCase();
    // Made after all of those: past the bound in both searches' reading order (surname, id).
    const late = await createUser({ email: `${tag}_ultima@scuola.example.it`, lastName: `Zzz_${tag}` });
    await prisma.notification.create({
      data: { userId: late.id, kind: "iscrizione-confermata", dedupeKey: unique("late"), deliveryStatus: "errore" },
    });
    const found = await searchUsers("_");
    // Cut: the page says only the first ones are shown, to refine the search.
    expect(found.limited).toBe(true);
    expect(found.users.map((u) => u.id)).not.toContain(late.id);
    expect(await prisma.notification.count({ where: { userId: late.id, ...(await recipientWhere("%_")) } })).toBe(0);
    // A search with something to look for finds the account and its message at once.
    expect((await searchUsers(`zzz_${tag}`)).users.map((u) => u.id)).toEqual([late.id]);
    expect(await prisma.notification.count({ where: { userId: late.id, ...(await recipientWhere(`${tag}_`)) } })).toBe(
      1,
    );
  });

  it("/admin/utenti says the list is cut only when more than the limit match", async () => {
    const tag = unique("cinquanta").toLowerCase();
    const make = (i: number) => createUser({ lastName: `Limite${tag}${String(i).padStart(2, "0")}` });
    for (let i = 0; i < USER_SEARCH_LIMIT; i++) await make(i);
    const national = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const cookie = await cookieOf(national.id);
    const page = async () =>
      (
        await runRoute(adminUsersRoute.loader as unknown as Handler, {
          cookie,
          url: `http://localhost/admin/utenti?q=${tag}`,
        })
      ).data as { users: unknown[]; limited: boolean };
    const exactly = await page();
    expect([exactly.users.length, exactly.limited]).toEqual([USER_SEARCH_LIMIT, false]);
    await make(USER_SEARCH_LIMIT);
    const more = await page();
    expect([more.users.length, more.limited]).toEqual([USER_SEARCH_LIMIT, true]);
  });

  it("/admin/email lists and retries the messages of the address typed only", async () => {
    const tag = unique("litmail").toLowerCase();
    const meant = await createUser({ email: `${tag}_anna@scuola.example.it` });
    const other = await createUser({ email: `${tag}.anna@scuola.example.it` });
    const failed = (userId: string) =>
      prisma.notification.create({
        data: {
          userId,
          kind: "iscrizione-confermata",
          dedupeKey: unique("lit-dedupe"),
          deliveryStatus: "errore",
          deliveryAttempts: 3,
          lastError: "421 Try again later",
        },
      });
    const mine = await failed(meant.id);
    const theirs = await failed(other.id);
    const national = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const cookie = await cookieOf(national.id);
    const url = (search: string) => `http://localhost/admin/email?destinatario=${encodeURIComponent(search)}`;
    const page = async (search: string) =>
      (await runRoute(adminEmailRoute.loader as unknown as Handler, { cookie, url: url(search) })).data as {
        rows: { id: string }[];
        bulkRetryable: number;
      };

    const listed = await page(`${tag}_anna@scuola.example.it`);
    expect(listed.rows.map((r) => r.id)).toEqual([mine.id]);
    expect(listed.bulkRetryable).toBe(1);
    // A wildcard names no address: nobody's address holds "%".
    expect((await page(`${tag}%`)).rows).toEqual([]);

    const done = await runRoute(adminEmailRoute.action as unknown as Handler, {
      cookie,
      url: url(`${tag}_anna@scuola.example.it`),
      form: { intent: "retry-failed" },
    });
    expect(done.location).toContain("esito=riprovate&n=1");
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: mine.id } })).deliveryStatus).toBe("in-coda");
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).deliveryStatus).toBe("errore");
    // Out of the way of other files' deliveries.
    await prisma.notification.updateMany({
      where: { id: { in: [mine.id, theirs.id] } },
      data: { deliveryStatus: "non-inviare" },
    });
  });
});

// Many signed-in teachers at once, for burst tests and benchmarks: accounts, server-side
// sessions and the signed cookies a browser would send. The signing secret must be the
// server's (SESSION_SECRET in this process's environment).
import crypto from "node:crypto";
import { prisma } from "../../app/utils/db.server.ts";
import { getSessionStorage, SESSION_ID_KEY } from "../../app/utils/session.server.ts";
import { createTeachers } from "./factories.ts";

export type SignedInTeacher = { userId: string; email: string; cookie: string };

export async function createSignedInTeachers(count: number, regionCode = "toscana"): Promise<SignedInTeacher[]> {
  const teachers = await createTeachers(count, regionCode);
  const expiresAt = new Date(Date.now() + 24 * 3600_000);
  const sessions = teachers.map((t) => ({ id: crypto.randomUUID(), userId: t.id, expiresAt }));
  for (let i = 0; i < sessions.length; i += 500) {
    await prisma.userSession.createMany({ data: sessions.slice(i, i + 500) });
  }
  const storage = getSessionStorage();
  return Promise.all(
    sessions.map(async (s, i) => {
      const session = await storage.getSession();
      session.set(SESSION_ID_KEY, s.id);
      const setCookie = await storage.commitSession(session);
      return { userId: s.userId, email: teachers[i]!.email, cookie: setCookie.split(";")[0]! };
    }),
  );
}

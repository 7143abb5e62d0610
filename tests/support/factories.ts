// Test data through the same code paths the app uses. Each call makes unique rows,
// so tests can share one database without cleaning it.
import { hashPassword } from "../../app/utils/auth.server.ts";
import { prisma } from "../../app/utils/db.server.ts";

let counter = 0;
export function unique(prefix = "t"): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${process.pid}${counter}`;
}

export const TEST_PASSWORD = "insegnare2026";
let passwordHash: Promise<string> | undefined;

export async function createUser(
  overrides: Partial<{
    email: string;
    firstName: string;
    lastName: string;
    regionCode: string;
    schoolLevel: string;
    professionalRole: string;
    roles: { role: string; regionCode?: string }[];
  }> = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const { roles = [], ...fields } = overrides;
  return prisma.user.create({
    data: {
      email: fields.email ?? `${unique("user")}@scuola.example.it`,
      firstName: fields.firstName ?? "Maria",
      lastName: fields.lastName ?? "Rossi",
      regionCode: fields.regionCode ?? "toscana",
      schoolLevel: fields.schoolLevel ?? "primaria",
      professionalRole: fields.professionalRole ?? "docente",
      password: { create: { hash: await passwordHash } },
      roles: { create: roles.map((r) => ({ role: r.role, regionCode: r.regionCode ?? "" })) },
    },
    include: { roles: true },
  });
}

// What a Forma process does at start and at shutdown, besides serving pages:
// validate the environment, check the database answers, start background jobs.
import { prisma } from "./db.server.ts";
import { getEnv } from "./env.server.ts";

export async function startServerServices(): Promise<void> {
  getEnv(); // throws with a clear message if the configuration is wrong
  await prisma.$queryRawUnsafe("SELECT 1");
}

export async function stopServerServices(): Promise<void> {
  await prisma.$disconnect();
}

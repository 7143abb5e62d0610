// An edition ready for its registers, for integration tests: one 2-hour session starting at a given
// time, an assigned trainer, and the given teachers enrolled ("iscritto").
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser } from "./factories.ts";

export async function registerEdition(options: {
  sessionStartsAt: Date;
  teachers: { id: string }[];
  mode?: "online" | "in-presenza" | "blended";
}) {
  const { edition, event, organiser } = await createOpenEdition({ sessionStartsAt: options.sessionStartsAt });
  if (options.mode && options.mode !== "online")
    await prisma.event.update({
      where: { id: event.id },
      data: { mode: options.mode, venue: "Istituto Dante, Firenze", onlineUrl: null },
    });
  const trainer = await createUser({ firstName: "Fabio", lastName: "Formatore", roles: [{ role: "formatore" }] });
  await prisma.eventTrainer.create({ data: { eventId: event.id, userId: trainer.id } });
  await prisma.enrolment.createMany({
    data: options.teachers.map((t) => ({
      editionId: edition.id,
      eventId: event.id,
      userId: t.id,
      status: "iscritto",
      activeKey: `${event.id}:${t.id}`,
    })),
  });
  const enrolments = await prisma.enrolment.findMany({
    where: { editionId: edition.id },
    select: { id: true, userId: true, user: { select: { email: true, firstName: true, lastName: true } } },
    orderBy: { id: "asc" },
  });
  const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
  return { edition, event, organiser, trainer, session, enrolments };
}

/** The account with this email, created the first time (fixtures name fixed addresses). */
export async function userWithEmail(email: string, firstName: string, lastName: string) {
  return (await prisma.user.findUnique({ where: { email } })) ?? (await createUser({ email, firstName, lastName }));
}

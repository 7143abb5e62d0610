// Events made as an organiser makes them: the national unit (who may create and publish any
// event) as the permission rules see it, and an event created from the organiser's form
// (tests/support/event-form-fields.ts) and published.
import { expect } from "vitest";
import type { Actor } from "../../app/domain/permissions.ts";
import { changeEventStatus, createEvent } from "../../app/models/event.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { eventInputFrom, type EventFormFields } from "./event-form-fields.ts";
import { createUser } from "./factories.ts";

/** A user (as createUser gives it) as the permission rules see them. */
export function actorOf(user: { id: string; roles: { role: string; regionCode: string }[] }): Actor {
  return { userId: user.id, roles: user.roles.map((r) => ({ role: r.role, regionCode: r.regionCode })) };
}

/** A new national-unit user: their id and their Actor. */
export async function createNationalUnit(): Promise<{ id: string; actor: Actor }> {
  const user = await createUser({ roles: [{ role: "unita-nazionale" }] });
  return { id: user.id, actor: actorOf(user) };
}

/**
 * The event the form's fields describe, created by `actor` and published: its id and its editions
 * in order, each with its sessions in date order.
 */
export async function publishEvent(actor: Actor, fields: EventFormFields) {
  const created = await createEvent(actor, eventInputFrom(fields));
  if (!created.ok) throw new Error(`create failed: ${JSON.stringify(created)}`);
  expect(await changeEventStatus(actor, created.eventId, "pubblicato")).toEqual({ ok: true });
  const editions = await prisma.edition.findMany({
    where: { eventId: created.eventId },
    orderBy: { number: "asc" },
    include: { sessions: { orderBy: { startsAt: "asc" } } },
  });
  return { eventId: created.eventId, editions };
}

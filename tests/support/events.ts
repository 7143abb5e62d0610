// Events made as an organiser makes them: the national unit (who may create and publish any
// event) as the permission rules see it, and an event created from the organiser's form
// (tests/support/event-form-fields.ts) and published.
import { expect } from "vitest";
import type { Actor } from "../../app/domain/permissions.ts";
import { changeEventStatus, createEvent } from "../../app/models/event.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { eventInputFrom, twoWebinarsFields, type EventFormFields } from "./event-form-fields.ts";
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

/**
 * A published national course of two editions of two live webinars each (10 and 17 February, 10 and 17 March 2027,
 * 15:00 Rome, 30 seats each), by a new national-unit user: its editions, and the form's fields as stored (with the
 * editions' and sessions' ids), to edit it as the organiser's form would.
 */
export async function publishTwoWebinarEditions(title: string) {
  const national = await createNationalUnit();
  const fields = twoWebinarsFields(title, {
    "editions[1].startsOn": "2027-03-10",
    "editions[1].endsOn": "2027-03-17",
    "editions[1].seatCap": "30",
    "editions[1].enrolmentOpensAt": "2026-11-01T09:00",
    "editions[1].enrolmentClosesAt": "2027-03-01T23:59",
    "editions[1].sessions[0].startsAt": "2027-03-10T15:00",
    "editions[1].sessions[0].endsAt": "2027-03-10T17:00",
    "editions[1].sessions[0].delivery": "sincrona",
    "editions[1].sessions[0].hours": "2",
    "editions[1].sessions[1].startsAt": "2027-03-17T15:00",
    "editions[1].sessions[1].endsAt": "2027-03-17T17:00",
    "editions[1].sessions[1].delivery": "sincrona",
    "editions[1].sessions[1].hours": "2",
  });
  const { eventId, editions } = await publishEvent(national.actor, fields);
  const stored: EventFormFields = { ...fields };
  editions.forEach((e, i) => {
    stored[`editions[${i}].id`] = e.id;
    e.sessions.forEach((s, j) => (stored[`editions[${i}].sessions[${j}].id`] = s.id));
  });
  return { national, eventId, editions, fields: stored };
}

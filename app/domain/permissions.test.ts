import { describe, expect, it } from "vitest";
import {
  canGrantRoles,
  canManageEvent,
  canSeeEventRegister,
  publishableLevels,
  stillManagesEvent,
  type Actor,
} from "./permissions.ts";

const teacher: Actor = { userId: "t", roles: [] };
const toscana: Actor = { userId: "r1", roles: [{ role: "referente-usr", regionCode: "toscana" }] };
const national: Actor = { userId: "n", roles: [{ role: "unita-nazionale", regionCode: "" }] };
const trainer: Actor = { userId: "f", roles: [{ role: "formatore", regionCode: "" }] };

describe("canManageEvent", () => {
  it("lets a USR referent manage regional events of their own region", () => {
    expect(canManageEvent(toscana, { level: "regionale", regionCode: "toscana" })).toBe(true);
  });
  it("refuses a USR referent another region's events", () => {
    expect(canManageEvent(toscana, { level: "regionale", regionCode: "lombardia" })).toBe(false);
  });
  it("refuses a USR referent national and European events", () => {
    expect(canManageEvent(toscana, { level: "nazionale", regionCode: null })).toBe(false);
    expect(canManageEvent(toscana, { level: "europeo", regionCode: null })).toBe(false);
  });
  it("lets the national unit manage every event", () => {
    expect(canManageEvent(national, { level: "regionale", regionCode: "lombardia" })).toBe(true);
    expect(canManageEvent(national, { level: "europeo", regionCode: null })).toBe(true);
  });
  it("refuses teachers and trainers", () => {
    expect(canManageEvent(teacher, { level: "regionale", regionCode: "toscana" })).toBe(false);
    expect(canManageEvent(trainer, { level: "nazionale", regionCode: null })).toBe(false);
  });
});

describe("stillManagesEvent", () => {
  const tuscan = { level: "regionale", regionCode: "toscana" };
  it("holds for an open account whose roles today let it manage the event", () => {
    expect(stillManagesEvent({ id: "r1", closedAt: null, roles: toscana.roles }, tuscan)).toBe(true);
  });
  it("fails once the role is revoked or moved to another region", () => {
    expect(stillManagesEvent({ id: "r1", closedAt: null, roles: [] }, tuscan)).toBe(false);
    const moved = [{ role: "referente-usr", regionCode: "lombardia" }];
    expect(stillManagesEvent({ id: "r1", closedAt: null, roles: moved }, tuscan)).toBe(false);
  });
  it("fails for a closed account whatever its roles", () => {
    expect(stillManagesEvent({ id: "n", closedAt: new Date(), roles: national.roles }, tuscan)).toBe(false);
  });
});

describe("publishableLevels", () => {
  it("offers referents the regional level only", () => {
    expect(publishableLevels(toscana)).toEqual(["regionale"]);
  });
  it("offers the national unit every level and teachers none", () => {
    expect(publishableLevels(national)).toEqual(["regionale", "nazionale", "europeo"]);
    expect(publishableLevels(teacher)).toEqual([]);
  });
});

describe("canGrantRoles", () => {
  it("is reserved to the national unit", () => {
    expect(canGrantRoles(national)).toBe(true);
    expect(canGrantRoles(toscana)).toBe(false);
    expect(canGrantRoles(teacher)).toBe(false);
  });
});

describe("canSeeEventRegister", () => {
  it("lets an assigned trainer see the register and not others", () => {
    const event = { level: "nazionale", regionCode: null, trainerIds: ["f"] };
    expect(canSeeEventRegister(trainer, event)).toBe(true);
    expect(canSeeEventRegister({ userId: "g", roles: trainer.roles }, event)).toBe(false);
  });
});

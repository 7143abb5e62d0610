// The signed-in person as the pages' chrome reads it (the header's name, menu and sign-out, the refused-email notice,
// the idle warning): the root loader's `user`, and the same for a document drawn without the root loader's data
// (app/utils/document-locale.server.ts), so that the error page of a refused form shows the menu the person has.
import { isNationalUnit, isOrganiser, isTrainer } from "~/domain/permissions.ts";
import { actorOf, type SessionUser } from "./auth.server.ts";

export type RootUser = {
  id: string;
  name: string;
  isOrganiser: boolean;
  isNationalUnit: boolean;
  isTrainer: boolean;
  email: string;
  emailRefusedAt: string | null;
  /**
   * Seconds before the session's idle end on the server's clock, or null if kept on the device (ADR 0094): the idle
   * warning counts down from it, whatever the browser's clock says.
   */
  idleSecondsLeft: number | null;
};

export function rootUser(user: SessionUser): RootUser {
  const actor = actorOf(user);
  return {
    id: user.id,
    name: `${user.firstName} ${user.lastName}`,
    isOrganiser: isOrganiser(actor),
    isNationalUnit: isNationalUnit(actor),
    isTrainer: isTrainer(actor),
    email: user.email,
    emailRefusedAt: user.emailRefusedAt?.toISOString() ?? null,
    idleSecondsLeft: user.idleEndsAt ? Math.max(0, Math.floor((user.idleEndsAt.getTime() - Date.now()) / 1000)) : null,
  };
}

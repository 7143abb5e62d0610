// The register page's save, as the browser posts it: the form's body to the action of
// /formazione/incontri/<sessionId>, signed in with `cookie`. Shared by the register tests.
import * as registerRoute from "../../app/routes/formazione.incontri.$sessionId.tsx";
import { callRoute, type Handler } from "./routes.ts";

export function postRegister(sessionId: string, cookie: string, body: FormData) {
  return callRoute(
    registerRoute.action as Handler,
    new Request(`http://localhost/formazione/incontri/${sessionId}`, {
      method: "POST",
      body,
      headers: { Cookie: cookie },
    }),
    { sessionId },
  );
}

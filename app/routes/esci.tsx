import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { oidcSessionOf } from "~/models/identity.server.ts";
import { endSessionUrl } from "~/models/oidc.server.ts";
import { destroyUserSession } from "~/utils/auth.server.ts";

// Ends Forma's own session; a session started with an OpenID provider then goes on to the
// provider's end-session endpoint (when it has one), which comes back to /eventi.
export async function action({ request }: ActionFunctionArgs) {
  const oidc = await oidcSessionOf(request);
  const setCookie = await destroyUserSession(request);
  const providerLogout = oidc ? await endSessionUrl(oidc.provider, oidc.idToken) : null;
  return redirect(providerLogout ?? "/eventi", { headers: { "Set-Cookie": setCookie } });
}

export function loader() {
  return redirect("/");
}

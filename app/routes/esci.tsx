import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { destroyUserSession } from "~/utils/auth.server.ts";

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/eventi", { headers: { "Set-Cookie": await destroyUserSession(request) } });
}

export function loader() {
  return redirect("/");
}

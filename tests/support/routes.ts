// Calling route modules' loaders and actions as Remix does, from integration tests.
import { createUserSession } from "../../app/utils/auth.server.ts";

export type RouteArgs = { request: Request; params: Record<string, string>; context: Record<string, unknown> };
export type Handler = (args: RouteArgs) => unknown;

/** The session cookie ("name=value") of a signed-in user. */
export async function cookieOf(userId: string): Promise<string> {
  return (await createUserSession(new Request("http://localhost/"), userId)).split(";")[0]!;
}

/** A GET request, or a POST of `form` when given, with the user's cookie. */
export function routeRequest(
  url: string,
  init: { cookie?: string; form?: Record<string, string> | FormData } = {},
): Request {
  const headers = new Headers(init.cookie ? { Cookie: init.cookie } : {});
  if (!init.form) return new Request(url, { headers });
  let body = init.form;
  if (!(body instanceof FormData)) {
    const fields = body;
    body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
  }
  return new Request(url, { method: "POST", body, headers });
}

/** A route's loader or action: the Response it returned or threw, or its data. */
export async function callRoute(
  handler: Handler,
  request: Request,
  params: Record<string, string> = {},
): Promise<unknown> {
  try {
    return await handler({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The HTTP status of what callRoute gave: a Response's, `data(…, { status })`'s, or 200. */
export function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status;
  const init = (result as { init?: { status?: number } | null })?.init;
  return init?.status ?? 200;
}

/** The data of what callRoute gave (unwrapping `data(…)`). */
export function bodyOf<T>(result: unknown): T {
  const wrapped = result !== null && typeof result === "object" && "init" in result && "data" in result;
  return (wrapped ? result.data : result) as T;
}

/** Runs a loader or action; gives the HTTP status it answered or threw, and its data or Location. */
export async function runRoute(
  fn: Handler,
  opts: { cookie?: string; url: string; params?: Record<string, string>; form?: Record<string, string> | FormData },
): Promise<{ status: number; location: string | null; data: unknown }> {
  const result = await callRoute(fn, routeRequest(opts.url, opts), opts.params);
  if (result instanceof Response)
    return { status: result.status, location: result.headers.get("Location"), data: undefined };
  return { status: statusOf(result), location: null, data: bodyOf(result) };
}

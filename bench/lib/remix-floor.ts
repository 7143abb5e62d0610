// The enrolment floor's work carried by Remix (bench/enrolment-floor.ts, FORMA_FLOOR_FRAMEWORK=remix
// or express-remix): a server build of two routes made by hand (the root, and the enrol route
// whose action is the floor's work), served by Remix's own request handler, the same patched
// @remix-run/server-runtime Forma's build runs on, with Forma's future flags. What this costs over
// the plain node:http floor is the framework's own share of an enrol POST; what Forma costs over
// this is its application's.
import type http from "node:http";
import express from "express";
import { createRequestHandler as createExpressHandler } from "@remix-run/express";
import { REMIX_FUTURE_FLAGS } from "../../app/utils/remix-future.ts";
import { createRequestHandler, redirect, type ActionFunctionArgs, type ServerBuild } from "@remix-run/node";

/** What can carry the floor's work: plain node:http (the floor itself), Remix alone, Remix behind Express. */
export const FLOOR_FRAMEWORKS = ["node", "remix", "express-remix"] as const;
export type FloorFramework = (typeof FLOOR_FRAMEWORKS)[number];

/** The name as FLOOR_FRAMEWORKS spells it, or an error that lists them. */
export function floorFramework(name: string): FloorFramework {
  const known = FLOOR_FRAMEWORKS.find((f) => f === name);
  if (!known) throw new Error(`the floor's framework is ${FLOOR_FRAMEWORKS.join(", ")}, not ${name}`);
  return known;
}

/** What an enrol POST answers: where to go next (302 or 303), or 409 for a second place in the event. */
export type FloorAnswer = { status: 302 | 303; location: string } | { status: 409 };

type EnrolAtFloor = (body: string, cookieHeader: string | undefined, eventId: string) => Promise<FloorAnswer>;

function floorBuild(enrol: EnrolAtFloor): ServerBuild {
  const entryRoute = (id: string, path: string, parentId: string | undefined, hasAction: boolean) => ({
    id,
    path,
    parentId,
    hasAction,
    hasLoader: false,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: false,
    module: `/${id}.js`,
    imports: [],
    css: [],
  });
  return {
    mode: "production",
    // A document is never rendered: the action answers with a redirect. A second place in the event
    // (409, thrown), which the burst's distinct teachers never ask for, would end in this entry's 500.
    entry: { module: { default: () => new Response("no page here", { status: 500 }) } },
    routes: {
      root: { id: "root", path: "", module: { default: () => null } },
      enrol: {
        id: "enrol",
        parentId: "root",
        path: "eventi/:eventId/iscrizione",
        module: {
          default: () => null,
          action: async ({ request, params }: ActionFunctionArgs) => {
            const answer = await enrol(
              await request.text(),
              request.headers.get("cookie") ?? undefined,
              params.eventId!,
            );
            if (answer.status === 409) throw new Response("already enrolled\n", { status: 409 });
            return redirect(answer.location, answer.status);
          },
        },
      },
    },
    assets: {
      entry: { module: "/entry.client.js", imports: [] },
      routes: {
        root: entryRoute("root", "", undefined, false),
        enrol: entryRoute("enrol", "eventi/:eventId/iscrizione", "root", true),
      },
      url: "/manifest.js",
      version: "floor",
    },
    publicPath: "/build/",
    assetsBuildDirectory: "build/client",
    future: { ...REMIX_FUTURE_FLAGS, unstable_optimizeDeps: false },
    isSpaMode: false,
  } as unknown as ServerBuild;
}

/** The request listener: Remix behind plain node:http ("remix") or behind Express ("express-remix"). */
export async function createRemixFloorListener(
  framework: Exclude<FloorFramework, "node">,
  enrol: EnrolAtFloor,
): Promise<http.RequestListener> {
  const build = floorBuild(enrol);
  // Any GET answers 200 before the framework, as the plain floor's do (the bench's readiness check).
  const ready = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method !== "GET") return false;
    res.writeHead(200, { "Content-Type": "text/plain" }).end("floor\n");
    return true;
  };
  if (framework === "express-remix") {
    const app = express();
    app.all("*", createExpressHandler({ build, mode: "production" }));
    return (req, res) => {
      if (!ready(req, res)) app(req, res);
    };
  }
  const handle = createRequestHandler(build, "production");
  return (req, res) => {
    if (ready(req, res)) return;
    serve(handle, req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
}

/** A Node request as a Fetch Request, as Forma's adapter makes it, and Remix's Response written back. */
async function serve(
  handle: ReturnType<typeof createRequestHandler>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
) {
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const chunks: Buffer[] = [];
  if (hasBody) for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const request = new Request(new URL(req.url ?? "/", `http://${req.headers.host ?? "floor"}`).href, {
    method: req.method,
    headers,
    signal: controller.signal,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  });
  const response = await handle(request);
  res.statusCode = response.status;
  for (const [key, value] of response.headers) res.appendHeader(key, value);
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

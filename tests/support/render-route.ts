// A route module's page rendered as the server renders it, from integration tests: inside a static data router at
// `url`, with the loader data given and the language, so the page's links and texts can be read without a browser.
import { createStaticHandler } from "@remix-run/router";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import type { Locale } from "../../app/domain/vocabulary.ts";
import { LocaleProvider } from "../../app/i18n/i18n.tsx";

/**
 * The page of a route module at `url`, with the data its loader gave (runRoute's `data`: what useLoaderData returns;
 * no loader of the app runs), inside a static data router whose only route is `path` (the route's own pattern, e.g.
 * "/formazione/edizioni/:editionId", when the page reads its params; the URL's path otherwise). Italian unless told.
 * With `actionData` (runRoute's `data` of the route's action), the page as drawn after that POST: useActionData
 * returns it, as a browser without JavaScript gets the page back.
 */
export async function renderRoutePage(
  Component: ComponentType,
  {
    url,
    path = new URL(url).pathname,
    loaderData = null,
    actionData,
    locale = "it",
  }: { url: string; path?: string; loaderData?: unknown; actionData?: unknown; locale?: Locale },
): Promise<string> {
  const Page = () => createElement(LocaleProvider, { locale, children: createElement(Component) });
  const posted = actionData !== undefined;
  const routes = [
    {
      id: "page",
      path,
      loader: () => loaderData as object | null,
      ...(posted ? { action: () => actionData as object | null } : {}),
      Component: Page,
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(
    posted ? new Request(url, { method: "POST", body: new URLSearchParams() }) : new Request(url),
  );
  if (context instanceof Response) throw new Error("unexpected response");
  return renderToString(
    createElement(StaticRouterProvider, {
      router: createStaticRouter(handler.dataRoutes, context),
      context,
      hydrate: false,
    }),
  );
}

/** The page's text as read: tags dropped, React's separators and the common entities undone, spaces collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/** The href of every link whose text is `text`, in the page's order (entities undone). */
export function hrefsOf(html: string, text: string): string[] {
  const links = [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)];
  return links.filter((m) => textOf(m[2]!).trim() === text).map((m) => m[1]!.replace(/&amp;/g, "&"));
}

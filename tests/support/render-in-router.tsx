// A component rendered as a document's server render renders it: inside a static data router at
// `location`, with the language, and with or without the server's renderer that <MarkupOnce> and
// <ServerHtml> use (app/components/layout/markup-once.tsx). With it, the markup those parts write
// must be byte for byte React's plain render without it (ADRs 0043 and 0046).
import { createStaticHandler } from "@remix-run/router";
import type { ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { MarkupOnceProvider, type MarkupRenderer } from "~/components/layout/markup-once.tsx";
import type { Locale } from "~/domain/vocabulary.ts";
import { LocaleProvider } from "~/i18n/i18n.tsx";

export async function renderInRouter(
  element: ReactElement,
  {
    locale,
    location = "/eventi",
    renderer = null,
  }: { locale: Locale; location?: string; renderer?: MarkupRenderer | null },
): Promise<string> {
  const Page = () => <LocaleProvider locale={locale}>{element}</LocaleProvider>;
  const routes = [{ id: "page", path: "*", Component: Page }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://forma.test${location}`));
  if (context instanceof Response) throw new Error("unexpected response");
  const app = (
    <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />
  );
  return renderToString(renderer ? <MarkupOnceProvider value={renderer}>{app}</MarkupOnceProvider> : app);
}

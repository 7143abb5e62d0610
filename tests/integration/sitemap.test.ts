// robots.txt and sitemap.xml through their routes, on both engines: the sitemap lists the events
// whose page anyone may open (published or ended), never a draft or a cancelled one.
import { afterAll, describe, expect, it } from "vitest";
import * as robotsRoute from "../../app/routes/robots[.]txt.tsx";
import * as sitemapRoute from "../../app/routes/sitemap[.]xml.tsx";
import { getEnv } from "../../app/utils/env.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition } from "../support/factories.ts";
import { callRoute, routeRequest } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

describe("what search engines are told", () => {
  it("sitemap.xml lists published and ended events with their last change, not drafts nor cancelled ones", async () => {
    const published = (await createOpenEdition()).event;
    const ended = (await createOpenEdition()).event;
    const draft = (await createOpenEdition()).event;
    const cancelled = (await createOpenEdition()).event;
    await prisma.event.update({ where: { id: ended.id }, data: { status: "chiuso" } });
    await prisma.event.update({ where: { id: draft.id }, data: { status: "bozza" } });
    await prisma.event.update({ where: { id: cancelled.id }, data: { status: "annullato" } });
    const origin = new URL(getEnv().APP_ORIGIN).origin;

    const response = (await callRoute(sitemapRoute.loader, routeRequest("http://localhost/sitemap.xml"))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    const xml = await response.text();
    const { updatedAt } = await prisma.event.findUniqueOrThrow({
      where: { id: ended.id },
      select: { updatedAt: true },
    });
    expect(xml).toContain(`<loc>${origin}/eventi/${published.id}</loc>`);
    expect(xml).toContain(`<loc>${origin}/eventi/${ended.id}</loc><lastmod>${updatedAt.toISOString()}</lastmod>`);
    expect(xml).not.toContain(draft.id);
    expect(xml).not.toContain(cancelled.id);
  });

  it("robots.txt keeps crawlers out of the signed-in areas and names the sitemap", async () => {
    const response = (await callRoute(robotsRoute.loader, routeRequest("http://localhost/robots.txt"))) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    const text = await response.text();
    expect(text).toContain("Disallow: /gestione\n");
    expect(text).toContain(`Sitemap: ${new URL(getEnv().APP_ORIGIN).origin}/sitemap.xml`);
  });
});

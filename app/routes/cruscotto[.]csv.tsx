import type { LoaderFunctionArgs } from "@remix-run/node";
import { dashboardCsv } from "~/models/dashboard-export.server.ts";
import { dashboardDownload } from "~/models/dashboard-view.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const { table, locale, filename, heading } = await dashboardDownload(request);
  return new Response(dashboardCsv(table, locale, heading), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { dashboardXlsx } from "~/models/dashboard-export.server.ts";
import { dashboardDownload } from "~/models/dashboard-view.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const { table, locale, filename, heading } = await dashboardDownload(request);
  return new Response(new Uint8Array(await dashboardXlsx(table, locale, heading)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${filename}.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}

import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { exportAccountData } from "~/models/account-export.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { toRomeDateValue } from "~/utils/dates.ts";

// "I miei dati": the signed-in person's own data as a ZIP, streamed (app/models/account-export.server.ts).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Today in Rome: the UTC date is yesterday's from midnight to 1 or 2 in the morning.
  const day = toRomeDateValue(new Date());
  return new Response(createReadableStreamFromReadable(exportAccountData(user.id)), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="forma-i-miei-dati-${day}.zip"`,
      "Cache-Control": "no-store",
    },
  });
}

import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { exportAccountData } from "~/models/account-export.server.ts";
import { requireUser } from "~/utils/auth.server.ts";

// "I miei dati": the signed-in person's own data as a ZIP, streamed (app/models/account-export.server.ts).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(createReadableStreamFromReadable(exportAccountData(user.id)), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="forma-i-miei-dati-${day}.zip"`,
      "Cache-Control": "no-store",
    },
  });
}

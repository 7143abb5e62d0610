import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { exportAccountData } from "~/models/account-export.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { toRomeDateValue } from "~/utils/dates.ts";
import { getLocale } from "~/utils/locale.server.ts";

// "I miei dati": the signed-in person's own data as a ZIP, streamed (app/models/account-export.server.ts).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Today in Rome: the UTC date is yesterday's from midnight to 1 or 2 in the morning.
  const day = toRomeDateValue(new Date());
  // The file is named in the reader's language: an English reader saved "forma-i-miei-dati-….zip". So are the files
  // inside it (ARCHIVE_FILES): one language for the whole download.
  const locale = await getLocale(request, user.locale);
  const file = `forma-${locale === "en" ? "my-data" : "i-miei-dati"}-${day}.zip`;
  return new Response(createReadableStreamFromReadable(exportAccountData(user.id, { locale })), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${file}"`,
      "Cache-Control": "no-store",
    },
  });
}

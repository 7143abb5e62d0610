// The signed-in teacher's training plan as a PDF, for the school year in ?anno= (default: current).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseSchoolYear, schoolYearLabel, schoolYearOf } from "~/domain/training-plan.ts";
import { renderTrainingPlanPdf } from "~/models/training-plan-pdf.server.ts";
import { loadTrainingPlan } from "~/models/training-plan.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { getLocale } from "~/utils/locale.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const year = parseSchoolYear(new URL(request.url).searchParams.get("anno")) ?? schoolYearOf(now);
  const plan = await loadTrainingPlan(user.id, year, now);
  const locale = await getLocale(request, user.locale);
  const pdf = await renderTrainingPlanPdf(plan, locale, now);
  // The file is named in the document's language.
  const name = locale === "en" ? "training-plan" : "piano-formativo";
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.byteLength),
      "Content-Disposition": `attachment; filename="${name}-${schoolYearLabel(year)}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}

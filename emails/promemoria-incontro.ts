import { formatTime } from "../app/utils/dates.ts";
import { editionLabel, myEnrolmentsAction, romeDeadline } from "./common.ts";
import type { Template } from "./types.ts";

/** The day before a synchronous session: when (Europe/Rome) and, online, the room link. */
export const promemoriaIncontro: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const when = p.sessionStartsAt ? romeDeadline(p.sessionStartsAt, locale) : "";
  const until = p.sessionEndsAt ? formatTime(p.sessionEndsAt, locale) : "";
  const room = p.onlineUrl && /^https?:\/\//i.test(p.onlineUrl) ? p.onlineUrl : null;
  const title = p.sessionTitle ? ` (${p.sessionTitle})` : "";
  return locale === "en"
    ? {
        subject: `Reminder: ${what}${when ? `, ${when}` : ""}`,
        heading: "Your session is coming up",
        paragraphs: [
          `A session of ${what}${title} starts on ${when}${until ? ` and ends at ${until}` : ""}.`,
          room ? `Online room: ${room}` : "Check the event page for the place.",
        ],
        action: room ? { label: "Join the online room", path: room } : myEnrolmentsAction(locale),
        about: "reminder",
      }
    : {
        subject: `Promemoria: ${what}${when ? `, ${when}` : ""}`,
        heading: "Il tuo incontro si avvicina",
        paragraphs: [
          `Un incontro di ${what}${title} inizia il ${when}${until ? ` e termina alle ${until}` : ""}.`,
          room ? `Stanza online: ${room}` : "Il luogo è indicato nella pagina dell'evento.",
        ],
        action: room ? { label: "Entra nella stanza online", path: room } : myEnrolmentsAction(locale),
        about: "reminder",
      };
};

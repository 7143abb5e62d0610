import { formatTime } from "../app/utils/dates.ts";
import { editionLabel, myEnrolmentsAction, romeDeadline } from "./common.ts";
import type { Template } from "./types.ts";

/**
 * The day before a synchronous session: when (Europe/Rome) and where: the venue of a session held
 * there, the room link of one held online (a blended event's session may be in one only, ADR 0091).
 */
export const promemoriaIncontro: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const when = p.sessionStartsAt ? romeDeadline(p.sessionStartsAt, locale) : "";
  const until = p.sessionEndsAt ? formatTime(p.sessionEndsAt, locale) : "";
  const room = p.onlineUrl && /^https?:\/\//i.test(p.onlineUrl) ? p.onlineUrl : null;
  const title = p.sessionTitle ? ` (${p.sessionTitle})` : "";
  const venue = p.venue?.trim() || null;
  return locale === "en"
    ? {
        subject: `Reminder: ${what}${when ? `, ${when}` : ""}`,
        heading: "Your session is coming up",
        paragraphs: [
          `A session of ${what}${title} starts on ${when}${until ? ` and ends at ${until}` : ""}.`,
          ...(venue ? [`Place: ${venue}`] : []),
          ...(room ? [{ label: "Online room", url: room }] : venue ? [] : ["Check the event page for the place."]),
        ],
        action: room ? { label: "Join the online room", path: room } : myEnrolmentsAction(locale),
        about: "reminder",
      }
    : {
        subject: `Promemoria: ${what}${when ? `, ${when}` : ""}`,
        heading: "Il tuo incontro si avvicina",
        paragraphs: [
          `Un incontro di ${what}${title} inizia il ${when}${until ? ` e termina alle ${until}` : ""}.`,
          ...(venue ? [`Luogo: ${venue}`] : []),
          ...(room
            ? [{ label: "Stanza online", url: room }]
            : venue
              ? []
              : ["Il luogo è indicato nella pagina dell'evento."]),
        ],
        action: room ? { label: "Entra nella stanza online", path: room } : myEnrolmentsAction(locale),
        about: "reminder",
      };
};

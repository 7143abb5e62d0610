// The page of a reminder's unsubscribe link (/disiscrizione/:token; ADR 0077).
export const it = {
  "unsubscribe.title": "Promemoria via email",
  "unsubscribe.intro":
    "Vuoi smettere di ricevere via email i promemoria del giorno prima di ogni incontro? Non serve accedere.",
  "unsubscribe.keep":
    "Le email sulle tue iscrizioni (conferme, liste d'attesa, offerte di un posto, annullamenti, attestati) e i messaggi dell'organizzazione delle edizioni che frequenti continueranno ad arrivare.",
  "unsubscribe.submit": "Non ricevere più i promemoria",
  "unsubscribe.done": "Fatto: non riceverai più i promemoria via email.",
  "unsubscribe.again": "Puoi riattivarli quando vuoi nel tuo profilo.",
  "unsubscribe.profile": "Vai al profilo",
  "unsubscribe.invalid":
    "Questo link non è valido: controlla di averlo copiato per intero. Puoi sempre disattivare i promemoria nel tuo profilo.",
  "unsubscribe.alerts.title": "Avvisi di nuovi eventi",
  "unsubscribe.alerts.intro":
    "Vuoi smettere di ricevere gli avvisi di nuovi eventi? Tutti i tuoi avvisi saranno cancellati. Non serve accedere.",
  "unsubscribe.alerts.submit": "Cancella tutti i miei avvisi",
  "unsubscribe.alerts.done": "Fatto: i tuoi avvisi sono stati cancellati. Puoi crearne di nuovi dal catalogo.",
} as const;

export const en: Record<keyof typeof it, string> = {
  "unsubscribe.title": "Email reminders",
  "unsubscribe.intro": "Do you want to stop the email reminders sent the day before each session? No sign-in needed.",
  "unsubscribe.keep":
    "Emails about your enrolments (confirmations, waiting lists, seat offers, cancellations, certificates) and messages from the organisers of the editions you attend will still arrive.",
  "unsubscribe.submit": "Stop the reminders",
  "unsubscribe.done": "Done: you will no longer receive email reminders.",
  "unsubscribe.again": "You can turn them back on at any time in your profile.",
  "unsubscribe.profile": "Go to your profile",
  "unsubscribe.invalid":
    "This link is not valid: check that you copied all of it. You can always turn reminders off in your profile.",
  "unsubscribe.alerts.title": "Alerts of new events",
  "unsubscribe.alerts.intro":
    "Do you want to stop the alerts of new events? All your alerts will be deleted. No sign-in needed.",
  "unsubscribe.alerts.submit": "Delete all my alerts",
  "unsubscribe.alerts.done": "Done: your alerts have been deleted. You can make new ones from the catalogue.",
};

// Calendars: the event's .ics download, the teacher's personal feed, the catalogue's feeds, and
// the text written inside the calendar files.
export const it = {
  "calendar.event.download": "Aggiungi al calendario (.ics)",
  "calendar.event.downloadHint": "Tutti gli incontri delle edizioni, da importare nel tuo calendario.",
  "calendar.catalogue.subscribe": "Abbonati a questa ricerca:",
  "calendar.catalogue.ics": "calendario .ics",
  "calendar.catalogue.json": "JSON",
  "calendar.feed.title": "Il mio calendario",
  "calendar.feed.intro":
    "Un indirizzo privato che il tuo calendario può seguire: contiene gli incontri delle edizioni in cui hai un posto, con il link della stanza online, e si aggiorna se cambiano gli orari o se un'edizione viene annullata.",
  "calendar.feed.none": "Non hai ancora un indirizzo per il calendario.",
  "calendar.feed.create": "Crea l'indirizzo del calendario",
  "calendar.feed.urlLabel": "Indirizzo del tuo calendario",
  "calendar.feed.secret": "Non condividerlo: chi lo conosce vede i tuoi incontri e i link delle stanze online.",
  "calendar.feed.howTo": "Come aggiungerlo",
  "calendar.feed.google":
    "Google Calendar (dal computer): «Altri calendari» → «+» → «Da URL», incolla l'indirizzo e scegli «Aggiungi calendario».",
  "calendar.feed.outlook":
    "Outlook: «Aggiungi calendario» → «Sottoscrivi dal Web», incolla l'indirizzo e dai un nome al calendario.",
  "calendar.feed.apple":
    "Calendario di Apple: su Mac «File» → «Nuova sottoscrizione calendario…»; su iPhone e iPad «Impostazioni» → «Calendario» → «Account» → «Aggiungi account» → «Altro» → «Aggiungi calendario sottoscritto».",
  "calendar.feed.delay": "I calendari rileggono l'indirizzo da soli, di solito ogni poche ore.",
  "calendar.feed.regenerate": "Rigenera l'indirizzo",
  "calendar.feed.regenerateHint":
    "Se l'indirizzo è finito in mani sbagliate, rigeneralo: quello vecchio smette subito di funzionare e dovrai aggiungere di nuovo il calendario.",
  "calendar.feed.created": "Indirizzo del calendario creato.",
  "calendar.feed.regenerated": "Nuovo indirizzo creato: quello precedente non funziona più.",
  "calendar.ics.personalName": "Forma — i miei incontri",
  "calendar.ics.catalogueName": "Forma — catalogo della formazione",
  "calendar.ics.edition": "Edizione {number}",
  "calendar.ics.asynchronous": "Attività asincrona: da svolgere in autonomia entro la fine di questo intervallo.",
  "calendar.ics.synchronous": "Incontro in diretta.",
  "calendar.ics.online": "Online",
  "calendar.ics.room": "Stanza online: {url}",
  "calendar.ics.details": "Dettagli e iscrizione: {url}",
  "calendar.ics.cancelled": "Annullato",
} as const;

export const en: Record<keyof typeof it, string> = {
  "calendar.event.download": "Add to calendar (.ics)",
  "calendar.event.downloadHint": "Every session of the editions, to import into your calendar.",
  "calendar.catalogue.subscribe": "Subscribe to this search:",
  "calendar.catalogue.ics": ".ics calendar",
  "calendar.catalogue.json": "JSON",
  "calendar.feed.title": "My calendar",
  "calendar.feed.intro":
    "A private address your calendar can follow: it holds the sessions of the editions you are enrolled in, with the online room link, and updates when times change or an edition is cancelled.",
  "calendar.feed.none": "You do not have a calendar address yet.",
  "calendar.feed.create": "Create the calendar address",
  "calendar.feed.urlLabel": "Your calendar address",
  "calendar.feed.secret": "Do not share it: whoever knows it sees your sessions and the online room links.",
  "calendar.feed.howTo": "How to add it",
  "calendar.feed.google":
    "Google Calendar (on a computer): “Other calendars” → “+” → “From URL”, paste the address and choose “Add calendar”.",
  "calendar.feed.outlook": "Outlook: “Add calendar” → “Subscribe from web”, paste the address and name the calendar.",
  "calendar.feed.apple":
    "Apple Calendar: on a Mac “File” → “New Calendar Subscription…”; on iPhone and iPad “Settings” → “Calendar” → “Accounts” → “Add Account” → “Other” → “Add Subscribed Calendar”.",
  "calendar.feed.delay": "Calendars re-read the address on their own, usually every few hours.",
  "calendar.feed.regenerate": "Regenerate the address",
  "calendar.feed.regenerateHint":
    "If the address got into the wrong hands, regenerate it: the old one stops working at once and you will need to add the calendar again.",
  "calendar.feed.created": "Calendar address created.",
  "calendar.feed.regenerated": "New address created: the previous one no longer works.",
  "calendar.ics.personalName": "Forma — my sessions",
  "calendar.ics.catalogueName": "Forma — training catalogue",
  "calendar.ics.edition": "Edition {number}",
  "calendar.ics.asynchronous": "Asynchronous activity: to do on your own before the end of this window.",
  "calendar.ics.synchronous": "Live session.",
  "calendar.ics.online": "Online",
  "calendar.ics.room": "Online room: {url}",
  "calendar.ics.details": "Details and enrolment: {url}",
  "calendar.ics.cancelled": "Cancelled",
};

// Alerts for new events (ADR 0088): the catalogue's offer and /profilo/avvisi.
export const it = {
  "alerts.offer.title": "Avvisami dei nuovi eventi",
  "alerts.offer.text":
    "Ricevi un'email, al massimo una al giorno, quando vengono pubblicati nuovi eventi con questi filtri.",
  "alerts.offer.submit": "Crea un avviso per questa ricerca",
  "alerts.offer.signIn": "Accedi per ricevere un avviso",
  "alerts.offer.dropped.dates":
    "L'avviso non terrà conto del periodo di svolgimento: ti segnalerà i nuovi eventi con gli altri filtri, in qualsiasi data.",
  "alerts.offer.dropped.freeSeats":
    "L'avviso non terrà conto di «Solo con posti disponibili»: ti segnalerà i nuovi eventi con gli altri filtri.",
  "alerts.offer.dropped.both":
    "L'avviso non terrà conto del periodo di svolgimento né di «Solo con posti disponibili»: ti segnalerà i nuovi eventi con gli altri filtri, in qualsiasi data.",
  "alerts.title": "Avvisi di nuovi eventi",
  "alerts.manage": "Gestisci gli avvisi",
  "alerts.intro":
    "Ricevi al massimo un'email al giorno, con gli eventi pubblicati dopo l'ultimo controllo che le tue ricerche trovano nel catalogo, ricerca per ricerca. Puoi avere fino a {max} avvisi.",
  "alerts.howTo": "Per creare un avviso, cerca nel catalogo e scegli «Crea un avviso per questa ricerca».",
  "alerts.toCatalogue": "Vai al catalogo",
  "alerts.none": "Non hai ancora avvisi.",
  "alerts.search": "Ricerca",
  "alerts.createdAt": "Creato il",
  "alerts.open": "Apri nel catalogo",
  "alerts.openLabel": "Apri nel catalogo la ricerca {description}",
  "alerts.delete": "Elimina",
  "alerts.deleteLabel": "Elimina l'avviso {description}",
  "alerts.created": "Avviso creato: riceverai un'email quando saranno pubblicati nuovi eventi per questa ricerca.",
  "alerts.exists": "Hai già un avviso per questa ricerca.",
  "alerts.createdFor":
    "Avviso creato (ricerca: {search}): riceverai un'email quando saranno pubblicati nuovi eventi che la soddisfano.",
  "alerts.existsFor": "Hai già un avviso per questa ricerca ({search}).",
  "alerts.limit": "Hai già {max} avvisi, il massimo: eliminane uno per crearne un altro.",
  "alerts.deleted": "Avviso eliminato.",
  "alerts.notFound": "Questo avviso non esiste più.",
  "alerts.unconfirmed":
    "Il tuo indirizzo email non è ancora confermato: gli avvisi partiranno dopo la conferma (il link è nell'email di benvenuto).",
} as const;

export const en: Record<keyof typeof it, string> = {
  "alerts.offer.title": "Tell me of new events",
  "alerts.offer.text": "Get an email, at most one a day, when new events with these filters are published.",
  "alerts.offer.submit": "Create an alert for this search",
  "alerts.offer.signIn": "Sign in to get an alert",
  "alerts.offer.dropped.dates":
    "The alert will not keep the dates: it will tell you of new events with the other filters, whatever their dates.",
  "alerts.offer.dropped.freeSeats":
    "The alert will not keep “Only with seats available”: it will tell you of new events with the other filters.",
  "alerts.offer.dropped.both":
    "The alert will keep neither the dates nor “Only with seats available”: it will tell you of new events with the other filters, whatever their dates.",
  "alerts.title": "Alerts of new events",
  "alerts.manage": "Manage your alerts",
  "alerts.intro":
    "You get at most one email a day, with the events published since the last check that your searches find in the catalogue, search by search. You can have up to {max} alerts.",
  "alerts.howTo": "To create an alert, search the catalogue and choose “Create an alert for this search”.",
  "alerts.toCatalogue": "Go to the catalogue",
  "alerts.none": "You have no alerts yet.",
  "alerts.search": "Search",
  "alerts.createdAt": "Created on",
  "alerts.open": "Open in the catalogue",
  "alerts.openLabel": "Open the search {description} in the catalogue",
  "alerts.delete": "Delete",
  "alerts.deleteLabel": "Delete the alert {description}",
  "alerts.created": "Alert created: you will get an email when new events for this search are published.",
  "alerts.exists": "You already have an alert for this search.",
  "alerts.createdFor":
    "Alert created (search: {search}): you will get an email when new events matching it are published.",
  "alerts.existsFor": "You already have an alert for this search ({search}).",
  "alerts.limit": "You already have {max} alerts, the most allowed: delete one to create another.",
  "alerts.deleted": "Alert deleted.",
  "alerts.notFound": "This alert no longer exists.",
  "alerts.unconfirmed":
    "Your email address is not confirmed yet: alerts will start once it is (the link is in the welcome email).",
};

// A person's address refused by its mail server for good (ADR 0083): the notice on every page, the
// profile's explanation and "send again", the mark in organisers' participant lists.
export const it = {
  "emailRefusal.banner":
    "Le email di Forma a {email} non arrivano: {when} il server di posta di questo indirizzo le ha rifiutate.",
  "emailRefusal.bannerLink": "Controlla il tuo indirizzo nel profilo",
  "emailRefusal.profile":
    "Il server di posta di questo indirizzo ha rifiutato un'email di Forma {when} e ha risposto: «{response}». Finché non si risolve non ti arrivano conferme, offerte di posto, cambi di programma né attestati.",
  "emailRefusal.profileWhat":
    "Se l'indirizzo è sbagliato o non lo usi più, cambialo qui sotto. Se è giusto (per esempio la casella era piena, o la tua scuola ha risolto un problema della posta), chiedi di inviare di nuovo le email non arrivate negli ultimi 7 giorni.",
  "emailRefusal.retry": "L'indirizzo è giusto: invia di nuovo",
  "emailRefusal.retried":
    "{count, plural, =0 {Fatto: non c'erano email da inviare di nuovo. Se il server di posta rifiuterà ancora le prossime, te lo diremo qui.} one {Fatto: # email è di nuovo in coda. Se il server di posta la rifiuterà ancora, te lo diremo qui.} other {Fatto: # email sono di nuovo in coda. Se il server di posta le rifiuterà ancora, te lo diremo qui.}}",
  "emailRefusal.mark": "Email rifiutata dal server di posta il {date}",
} as const;

export const en: Record<keyof typeof it, string> = {
  "emailRefusal.banner": "Forma's emails to {email} are not arriving: {when} this address's mail server refused them.",
  "emailRefusal.bannerLink": "Check your address in your profile",
  "emailRefusal.profile":
    "This address's mail server refused an email from Forma {when} and answered: “{response}”. Until this is solved you will not receive confirmations, seat offers, schedule changes or certificates.",
  "emailRefusal.profileWhat":
    "If the address is wrong or you no longer use it, change it below. If it is right (for instance the mailbox was full, or your school fixed a mail problem), ask us to send again the emails that did not arrive in the last 7 days.",
  "emailRefusal.retry": "The address is right: send again",
  "emailRefusal.retried":
    "{count, plural, =0 {Done: there were no emails to send again. If the mail server refuses the next ones, we will tell you here.} one {Done: # email is queued again. If the mail server refuses it again, we will tell you here.} other {Done: # emails are queued again. If the mail server refuses them again, we will tell you here.}}",
  "emailRefusal.mark": "Email refused by the mail server on {date}",
} as const;

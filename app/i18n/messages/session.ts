// The idle warning of a session not kept on the device (ADR 0094, WCAG 2.1 SC 2.2.1) and the page
// the sign-in opened from it comes back to.
export const it = {
  "session.idle.title": "La sessione sta per scadere per inattività",
  "session.idle.text":
    "Per sicurezza, dopo {hours, plural, one {# ora} other {# ore}} senza attività la sessione si chiude. Se stai ancora lavorando, scegli «Mantieni l'accesso»: quello che hai scritto in questa pagina resta dov'è.",
  "session.idle.timeLeft": "Tempo rimasto: {time}",
  "session.idle.minutesLeft":
    "{minutes, plural, one {La sessione si chiude entro # minuto.} other {La sessione si chiude entro # minuti.}}",
  "session.idle.stay": "Mantieni l'accesso",
  "session.idle.signOut": "Esci",
  "session.idle.stayFailed": "Non è stato possibile raggiungere Forma. Controlla la connessione e riprova.",
  "session.ended.title": "La sessione è terminata",
  "session.ended.text":
    "Per troppo tempo non c'è stata attività e, per sicurezza, la sessione è stata chiusa. Quello che hai scritto in questa pagina non è andato perso: accedi di nuovo in una nuova scheda, poi torna qui e salva o invia il modulo.",
  "session.ended.signIn": "Accedi di nuovo",
  "session.ended.newTab": "(si apre in una nuova scheda)",
  "session.ended.back": "Torna alla pagina",
  "session.resumed.title": "Hai di nuovo accesso",
  "session.resumed.text":
    "Ora puoi chiudere questa scheda e tornare a quella in cui stavi lavorando: quello che avevi scritto è ancora lì e puoi salvarlo o inviarlo.",
  "session.resumed.catalogue": "Oppure vai al catalogo",
  "session.signInToResume":
    "La sessione è terminata per inattività. Accedi di nuovo qui: poi torna alla scheda in cui stavi lavorando, dove trovi ancora quello che avevi scritto.",
  "session.noScript":
    "Per sicurezza la sessione si chiude dopo {hours, plural, one {# ora} other {# ore}} di inattività: se il modulo è lungo, salva di tanto in tanto.",
} as const;

export const en: Record<keyof typeof it, string> = {
  "session.idle.title": "Your session is about to expire due to inactivity",
  "session.idle.text":
    "For security, the session closes after {hours, plural, one {# hour} other {# hours}} without activity. If you are still working, choose “Stay signed in”: what you have typed on this page stays where it is.",
  "session.idle.timeLeft": "Time left: {time}",
  "session.idle.minutesLeft":
    "{minutes, plural, one {The session closes within # minute.} other {The session closes within # minutes.}}",
  "session.idle.stay": "Stay signed in",
  "session.idle.signOut": "Sign out",
  "session.idle.stayFailed": "Forma could not be reached. Check your connection and try again.",
  "session.ended.title": "Your session has ended",
  "session.ended.text":
    "You were inactive for too long and, for security, the session was closed. What you typed on this page is not lost: sign in again in a new tab, then come back here and save or send the form.",
  "session.ended.signIn": "Sign in again",
  "session.ended.newTab": "(opens in a new tab)",
  "session.ended.back": "Back to the page",
  "session.resumed.title": "You are signed in again",
  "session.resumed.text":
    "You can now close this tab and go back to the one you were working in: what you had typed is still there and you can save or send it.",
  "session.resumed.catalogue": "Or go to the catalogue",
  "session.signInToResume":
    "Your session ended due to inactivity. Sign in again here, then go back to the tab you were working in: what you had typed is still there.",
  "session.noScript":
    "For security, the session closes after {hours, plural, one {# hour} other {# hours}} of inactivity: on a long form, save now and then.",
};

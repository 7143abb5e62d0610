// Account emails: confirming the address after sign-up, "Password dimenticata?" and the reset page.
export const it = {
  "account.forgot.link": "Password dimenticata?",
  "account.forgot.title": "Password dimenticata",
  "account.forgot.intro":
    "Scrivi l'email del tuo account: ti invieremo un link per scegliere una nuova password. Il link vale un'ora.",
  "account.forgot.submit": "Invia il link",
  "account.forgot.sent":
    "Se esiste un account con questo indirizzo, ti abbiamo inviato un'email con il link per reimpostare la password. Controlla anche la posta indesiderata.",
  "account.forgot.rateLimited":
    "Troppe richieste da questa rete (connessione) in poco tempo. Riprova tra {minutes, plural, one {# minuto} other {# minuti}}.",
  "account.reset.title": "Scegli una nuova password",
  "account.reset.intro": "La nuova password chiude tutte le sessioni aperte del tuo account, su ogni dispositivo.",
  "account.reset.submit": "Salva la nuova password",
  "account.reset.done": "Password aggiornata. Accedi con la nuova password.",
  // An account without a password (made with a digital identity, or its password removed) chooses its first one.
  "account.reset.firstTitle": "Scegli una password",
  "account.reset.firstIntro":
    "La password che scegli chiude tutte le sessioni aperte del tuo account, su ogni dispositivo.",
  "account.reset.firstSubmit": "Salva la password",
  "account.reset.firstDone": "Password impostata. Accedi con la password che hai scelto.",
  "account.reset.rateLimited":
    "Troppe nuove password inviate da questa rete in poco tempo. Riprova tra {minutes, plural, one {# minuto} other {# minuti}}.",
  "account.token.used": "Questo link è già stato usato. Ogni link vale una sola volta.",
  "account.token.expired": "Questo link è scaduto.",
  "account.token.unknown": "Questo link non è valido. Controlla di averlo copiato per intero.",
  "account.token.askAgain": "Chiedi un nuovo link",
  "account.confirm.title": "Conferma il tuo indirizzo email",
  "account.confirm.intro": "Premi il pulsante per confermare che questo indirizzo email è tuo.",
  "account.confirm.submit": "Conferma la mia email",
  "account.confirm.done": "Grazie: il tuo indirizzo email è confermato.",
  "account.confirm.expiredHint": "Il link di conferma vale 7 giorni.",
  "account.confirm.expiredNext": "Per ricevere un nuovo link, accedi e chiedilo dal tuo profilo.",
  "account.confirm.askAgain": "Accedi e chiedi un nuovo link",
  "account.confirm.used": "Il tuo indirizzo email è confermato: puoi accedere.",
  "account.confirm.madeWith":
    "Questo account è stato creato accedendo con «{provider}» a nome di {name}. Chi conferma l'indirizzo lo collega all'account di questa persona.",
  "account.confirm.madeWithGone":
    "Questo account è stato creato accedendo con un'identità digitale di {provider}, a nome di {name}. Chi conferma l'indirizzo lo collega all'account di questa persona.",
  "account.confirm.notYou":
    "Se non sei {name}, non premere il pulsante: l'account resta senza conferma e poi viene cancellato.",
  "account.confirm.submitAs": "Sono {name}: conferma la mia email",
  "account.restore.title": "Ripristina il tuo indirizzo email",
  "account.restore.intro":
    "Il tuo account Forma tornerà all'indirizzo {email}. Tutte le sessioni aperte verranno chiuse e la password verrà tolta: ne sceglierai una nuova con «Password dimenticata?». Le identità digitali (SPID, CIE) collegate dopo il cambio verranno scollegate.",
  "account.restore.submit": "Ripristina il mio indirizzo",
  "account.restore.done":
    "Fatto: il tuo account usa di nuovo {email} e tutte le sessioni sono state chiuse. Scegli ora una nuova password: il link arriverà a questo indirizzo.",
  "account.restore.choosePassword": "Scegli una nuova password",
  "account.restore.introIdentity":
    "Il tuo account Forma tornerà all'indirizzo {email}. Tutte le sessioni aperte verranno chiuse e le identità digitali (SPID, CIE) collegate dopo il cambio verranno scollegate. Poi accedi con l'identità digitale che usavi prima del cambio.",
  "account.restore.doneIdentity":
    "Fatto: il tuo account usa di nuovo {email} e tutte le sessioni sono state chiuse. Accedi ora con l'identità digitale (SPID, CIE) che usavi prima del cambio.",
  "account.restore.taken":
    "Questo indirizzo è ora usato da un altro account: non possiamo ripristinarlo. Scrivi all'Unità nazionale.",
  "account.backToLogin": "Torna all'accesso",
} as const;

export const en: Record<keyof typeof it, string> = {
  "account.forgot.link": "Forgot your password?",
  "account.forgot.title": "Forgot your password",
  "account.forgot.intro":
    "Enter your account's email: we will send you a link to choose a new password. The link is valid for one hour.",
  "account.forgot.submit": "Send the link",
  "account.forgot.sent":
    "If an account exists with this address, we have sent it an email with a link to reset the password. Check your spam folder too.",
  "account.forgot.rateLimited":
    "Too many requests from this network (connection) in a short time. Try again in {minutes, plural, one {# minute} other {# minutes}}.",
  "account.reset.title": "Choose a new password",
  "account.reset.intro": "The new password signs your account out of every open session, on every device.",
  "account.reset.submit": "Save the new password",
  "account.reset.done": "Password updated. Sign in with the new password.",
  "account.reset.firstTitle": "Choose a password",
  "account.reset.firstIntro": "The password you choose signs your account out of every open session, on every device.",
  "account.reset.firstSubmit": "Save the password",
  "account.reset.firstDone": "Password set. Sign in with the password you chose.",
  "account.reset.rateLimited":
    "Too many new passwords sent from this network in a short time. Try again in {minutes, plural, one {# minute} other {# minutes}}.",
  "account.token.used": "This link has already been used. Each link works once.",
  "account.token.expired": "This link has expired.",
  "account.token.unknown": "This link is not valid. Check that you copied all of it.",
  "account.token.askAgain": "Ask for a new link",
  "account.confirm.title": "Confirm your email address",
  "account.confirm.intro": "Press the button to confirm that this email address is yours.",
  "account.confirm.submit": "Confirm my email",
  "account.confirm.done": "Thank you: your email address is confirmed.",
  "account.confirm.expiredHint": "The confirmation link is valid for 7 days.",
  "account.confirm.expiredNext": "To get a new link, sign in and ask for it from your profile.",
  "account.confirm.askAgain": "Sign in and ask for a new link",
  "account.confirm.used": "Your email address is confirmed: you can sign in.",
  "account.confirm.madeWith":
    'This account was created by signing in with "{provider}" in the name of {name}. Confirming the address links it to this person\'s account.',
  "account.confirm.madeWithGone":
    "This account was created by signing in with a digital identity from {provider}, in the name of {name}. Confirming the address links it to this person's account.",
  "account.confirm.notYou":
    "If you are not {name}, do not press the button: the account stays unconfirmed and is then deleted.",
  "account.confirm.submitAs": "I am {name}: confirm my email",
  "account.restore.title": "Restore your email address",
  "account.restore.intro":
    'Your Forma account will go back to {email}. Every open session will be signed out and the password removed: you will choose a new one with "Forgot your password?". Digital identities (SPID, CIE) linked after the change will be unlinked.',
  "account.restore.submit": "Restore my address",
  "account.restore.done":
    "Done: your account uses {email} again and every session has been signed out. Now choose a new password: the link will reach this address.",
  "account.restore.choosePassword": "Choose a new password",
  "account.restore.introIdentity":
    "Your Forma account will go back to {email}. Every open session will be signed out and the digital identities (SPID, CIE) linked after the change will be unlinked. Then sign in with the digital identity you used before the change.",
  "account.restore.doneIdentity":
    "Done: your account uses {email} again and every session has been signed out. Now sign in with the digital identity (SPID, CIE) you used before the change.",
  "account.restore.taken":
    "This address is now used by another account: it cannot be restored. Write to the national unit.",
  "account.backToLogin": "Back to sign in",
};

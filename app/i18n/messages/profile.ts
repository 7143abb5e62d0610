// The person's own account (/profilo): profile, email and password, sessions, data, closing.
export const it = {
  "nav.profile": "Il mio profilo",
  "profile.title": "Il mio profilo",
  "profile.intro":
    "Qui puoi aggiornare i tuoi dati, l'indirizzo email e la password, vedere dove hai effettuato l'accesso, scaricare i tuoi dati o chiudere l'account.",
  "profile.name.unprintable":
    "Il tuo nome contiene caratteri che attestati, registri e piano formativo non possono stampare ({characters}): correggilo qui sotto in caratteri latini, greci o cirillici, come nei documenti.",
  "profile.signIns.title": "Modi di accesso",
  "profile.signIns.intro": "Collega o scollega SPID, CIE, EU Login e gli altri fornitori di identità configurati.",
  "profile.signIns.manage": "Gestisci i modi di accesso",
  "profile.data.title": "Dati personali e scuola",
  "profile.data.futureOnly":
    "Una nuova scuola o regione vale per le iscrizioni future: le iscrizioni, i registri e gli attestati già emessi restano come sono.",
  "profile.field.locale": "Lingua dell'interfaccia e delle email",
  "profile.field.emailReminders": "Ricevi i promemoria via email il giorno prima di ogni incontro",
  "profile.field.emailRemindersHint":
    "Le email sulle tue iscrizioni (conferme, liste d'attesa, annullamenti, attestati) arrivano sempre.",
  "profile.save": "Salva il profilo",
  "profile.saved": "Profilo aggiornato.",
  "profile.unchanged": "Nessuna modifica da salvare.",
  "profile.email.title": "Indirizzo email",
  "profile.email.current": "Indirizzo attuale: {email}",
  "profile.email.new": "Nuovo indirizzo email",
  "profile.email.intro":
    "Ti invieremo un link al nuovo indirizzo: il cambio vale solo quando lo apri. Il vecchio indirizzo, se lo avevi confermato, riceverà un avviso.",
  "profile.email.submit": "Invia il link di conferma",
  "profile.email.sent":
    "Abbiamo inviato un messaggio al nuovo indirizzo: se l'indirizzo può essere usato, contiene il link di conferma, che vale 24 ore.",
  "profile.email.same": "È già il tuo indirizzo.",
  "profile.emailUnconfirmed.text":
    "Questo indirizzo non è ancora confermato: apri il link che ti abbiamo inviato. Finché non lo confermi non puoi iscriverti alle iniziative né usare le pagine di un ruolo (referente USR, incarico di formazione, Unità nazionale). Non lo trovi o è scaduto? Fatti inviare un nuovo link.",
  "profile.emailUnconfirmed.resend": "Invia di nuovo il link di conferma",
  "profile.emailUnconfirmed.sent": "Ti abbiamo inviato un nuovo link di conferma: aprilo per confermare l'indirizzo.",
  "profile.emailUnconfirmed.rateLimited":
    "Hai già chiesto diversi link: riprova tra {minutes, plural, one {# minuto} other {# minuti}}.",
  "staff.emailUnconfirmed":
    "Il tuo indirizzo email non è ancora confermato: le pagine del tuo ruolo si aprono solo dopo che hai aperto il link di conferma che ti abbiamo inviato. Non lo trovi o è scaduto? In «Il mio profilo» puoi fartene inviare uno nuovo.",
  "profile.email.rateLimited":
    "Hai già chiesto diversi cambi di indirizzo nell'ultima ora: riprova tra {minutes, plural, one {# minuto} other {# minuti}}.",
  "profile.password.title": "Password",
  "profile.password.current": "Password attuale",
  "profile.password.new": "Nuova password",
  "profile.password.intro": "Cambiando la password chiudi tutte le altre sessioni aperte del tuo account.",
  "profile.password.submit": "Cambia la password",
  "profile.password.changed": "Password cambiata. Le altre sessioni sono state chiuse ({count}).",
  "profile.password.wrong": "La password attuale non è corretta.",
  "profile.sessions.title": "Accessi attivi",
  "profile.sessions.device": "Dispositivo",
  "profile.sessions.since": "Accesso il",
  "profile.sessions.lastUsed": "Ultimo uso",
  "profile.sessions.unknownDevice": "Dispositivo non riconosciuto",
  "profile.sessions.current": "Questa sessione",
  "profile.sessions.end": "Chiudi",
  "profile.sessions.endLabel": "Chiudi la sessione su {device}, ultimo uso {when}",
  "profile.sessions.ended": "Sessione chiusa.",
  "profile.sessions.endOthers":
    "{count, plural, one {Chiudi l'altra sessione} other {Chiudi tutte le altre # sessioni}}",
  "profile.sessions.othersEnded":
    "{count, plural, =0 {Non c'erano altre sessioni aperte.} one {Chiusa # sessione: il tuo account resta aperto solo qui.} other {Chiuse # sessioni: il tuo account resta aperto solo qui.}}",
  "profile.sessions.notFound": "Sessione non trovata: forse era già chiusa.",
  "profile.mydata.title": "I miei dati",
  "profile.mydata.intro":
    "Scarica un archivio ZIP con tutti i dati che Forma conserva su di te (in formato JSON) e i file che hai caricato.",
  "profile.mydata.download": "Scarica i miei dati (ZIP)",
  "profile.close.title": "Chiudi l'account",
  "profile.close.link": "Chiudi il mio account…",
  "profile.close.intro":
    "Chiudendo l'account i tuoi dati personali vengono cancellati e i posti che occupi vengono liberati. Gli attestati già emessi restano verificabili; nei registri le tue ore restano sotto uno pseudonimo. L'operazione non si può annullare.",
  "profile.close.confirm": "Ho capito: voglio chiudere il mio account",
  "profile.close.confirmRequired": "Conferma di voler chiudere l'account.",
  "profile.close.submit": "Chiudi definitivamente il mio account",
  "profile.close.done": "Il tuo account è stato chiuso. Grazie per aver usato Forma.",
  "profile.close.places": "Iscrizioni attive che verranno annullate: {count}.",
  "profile.close.roles": "I tuoi ruoli, che verranno revocati: {roles}.",
  "profile.close.trainerEvents":
    "Perderai l'incarico di formazione in {count, plural, one {# evento} other {# eventi}}: l'organizzazione dovrà affidarlo a qualcun altro.",
  "profile.close.identityIntro":
    "Il tuo account non ha una password: per chiuderlo conferma di essere tu accedendo di nuovo con la tua identità digitale.",
  "profile.close.identityButton": "Conferma la tua identità ({provider})",
  "profile.email.identityIntro":
    "Il tuo account non ha una password: per cambiare indirizzo conferma che sei tu accedendo di nuovo con la tua identità digitale.",
  "profile.email.identityConfirmed":
    "Identità confermata: puoi chiedere il cambio di indirizzo nei prossimi 10 minuti.",
  "profile.email.identityRequired": "Conferma prima la tua identità digitale con il pulsante qui sopra.",
  "profile.password.none": "Il tuo account non ha una password: accedi con la tua identità digitale (SPID o CIE).",
  "profile.password.noneSet": "Se vuoi anche una password, chiedi il link per impostarla al tuo indirizzo email:",
  "profile.password.noneSetLink": "Imposta una password",
  "profile.close.identityConfirmed": "Identità confermata: puoi chiudere l'account nei prossimi 10 minuti.",
  "profile.close.identityRequired": "Conferma prima la tua identità digitale con il pulsante qui sopra.",
  "profile.close.lastNationalUnit":
    "Sei l'unica persona dell'Unità nazionale: nomina prima un'altra persona dell'Unità nazionale in «Persone e ruoli», poi chiudi l'account.",
  "profile.error.bad-request": "Richiesta non valida.",
  "profile.closedAccountNote":
    "L'account della persona titolare è stato chiuso: l'attestato resta valido con i dati con cui è stato emesso.",
  "admin.users.closeAccount": "Chiudi l'account (su richiesta)",
  "admin.users.accountClosed": "Account chiuso.",
  "admin.users.lastNationalUnit":
    "Account non chiuso: è l'ultimo dell'Unità nazionale. Nomina prima un'altra persona dell'Unità nazionale.",
  "admin.users.lastNationalRole":
    "Ruolo non revocato: è l'ultima persona dell'Unità nazionale. Nomina prima un'altra persona dell'Unità nazionale.",
  "admin.users.closeConfirmTitle": "Chiudere l'account di {name}?",
  "admin.users.closeConfirmIntro":
    "Chiudi l'account solo se la persona lo ha chiesto. I suoi dati personali vengono cancellati e i posti che occupa vengono liberati; gli attestati già emessi restano verificabili e nei registri le sue ore restano sotto uno pseudonimo. L'operazione non si può annullare.",
  "admin.users.closeConfirmPlaces": "Iscrizioni attive che verranno annullate: {count}.",
  "admin.users.closeConfirmRoles": "Ruoli che verranno revocati: {roles}.",
  "admin.users.closeConfirmTrainerEvents":
    "La persona perderà l'incarico di formazione in {count, plural, one {# evento} other {# eventi}}: l'organizzazione dovrà affidarlo a qualcun altro.",
  "admin.users.closeConfirmCheck": "La persona ha chiesto la chiusura del suo account {email}",
  "admin.users.closeAccountConfirmRequired": "Conferma che la persona ha chiesto la chiusura.",
  "admin.users.closeConfirmSubmit": "Chiudi definitivamente l'account",
  "admin.users.closeConfirmCancel": "Annulla",
  "profile.emailChange.title": "Conferma il nuovo indirizzo email",
  "profile.emailChange.intro": "Premi il pulsante per usare {email} come indirizzo del tuo account Forma.",
  "profile.emailChange.submit": "Conferma il nuovo indirizzo",
  "profile.emailChange.done": "Fatto: il tuo account usa ora il nuovo indirizzo email.",
  "profile.emailChange.taken": "Questo indirizzo è nel frattempo stato usato da un altro account.",
  "profile.emailChange.expiredHint": "Il link vale 24 ore: chiedine un altro dal tuo profilo.",
} as const;

export const en: Record<keyof typeof it, string> = {
  "nav.profile": "My profile",
  "profile.title": "My profile",
  "profile.intro":
    "Here you can update your details, email address and password, see where you are signed in, download your data or close your account.",
  "profile.name.unprintable":
    "Your name contains characters that certificates, registers and the training plan cannot print ({characters}): correct it below in Latin, Greek or Cyrillic letters, as on your documents.",
  "profile.signIns.title": "Ways to sign in",
  "profile.signIns.intro": "Link or unlink SPID, CIE, EU Login and the other identity providers configured.",
  "profile.signIns.manage": "Manage ways to sign in",
  "profile.data.title": "Personal details and school",
  "profile.data.futureOnly":
    "A new school or region applies to future enrolments: enrolments, registers and certificates already issued stay as they are.",
  "profile.field.locale": "Language of the interface and emails",
  "profile.field.emailReminders": "Receive email reminders the day before each session",
  "profile.field.emailRemindersHint":
    "Emails about your enrolments (confirmations, waiting lists, cancellations, certificates) are always sent.",
  "profile.save": "Save profile",
  "profile.saved": "Profile updated.",
  "profile.unchanged": "Nothing to save.",
  "profile.email.title": "Email address",
  "profile.email.current": "Current address: {email}",
  "profile.email.new": "New email address",
  "profile.email.intro":
    "We will send a link to the new address: the change applies only when you open it. The old address, if you had confirmed it, will be told.",
  "profile.email.submit": "Send the confirmation link",
  "profile.email.sent":
    "We have sent a message to the new address: if the address can be used, it holds the confirmation link, valid for 24 hours.",
  "profile.email.same": "This is already your address.",
  "profile.emailUnconfirmed.text":
    "This address is not confirmed yet: open the link we sent you. Until you confirm it you cannot enrol in trainings or use the pages of a role (regional office referent, trainer, national unit). Can't find it, or has it expired? Ask for a new link.",
  "profile.emailUnconfirmed.resend": "Send the confirmation link again",
  "profile.emailUnconfirmed.sent": "We have sent you a new confirmation link: open it to confirm the address.",
  "profile.emailUnconfirmed.rateLimited":
    "You have already asked for several links: try again in {minutes, plural, one {# minute} other {# minutes}}.",
  "staff.emailUnconfirmed":
    "Your email address is not confirmed yet: your role's pages open only once you have opened the confirmation link we sent you. Can't find it, or has it expired? You can ask for a new one in “My profile”.",
  "profile.email.rateLimited":
    "You have already asked for several changes of address in the last hour: try again in {minutes, plural, one {# minute} other {# minutes}}.",
  "profile.password.title": "Password",
  "profile.password.current": "Current password",
  "profile.password.new": "New password",
  "profile.password.intro": "Changing the password signs your account out of every other open session.",
  "profile.password.submit": "Change password",
  "profile.password.changed": "Password changed. The other sessions were ended ({count}).",
  "profile.password.wrong": "The current password is not correct.",
  "profile.sessions.title": "Active sign-ins",
  "profile.sessions.device": "Device",
  "profile.sessions.since": "Signed in on",
  "profile.sessions.lastUsed": "Last used",
  "profile.sessions.unknownDevice": "Unrecognised device",
  "profile.sessions.current": "This session",
  "profile.sessions.end": "End",
  "profile.sessions.endLabel": "End the session on {device}, last used {when}",
  "profile.sessions.ended": "Session ended.",
  "profile.sessions.endOthers": "{count, plural, one {End the other session} other {End all # other sessions}}",
  "profile.sessions.othersEnded":
    "{count, plural, =0 {There were no other sessions.} one {# session ended: your account is now signed in only here.} other {# sessions ended: your account is now signed in only here.}}",
  "profile.sessions.notFound": "Session not found: it may have ended already.",
  "profile.mydata.title": "My data",
  "profile.mydata.intro":
    "Download a ZIP archive with all the data Forma holds about you (as JSON) and the files you uploaded.",
  "profile.mydata.download": "Download my data (ZIP)",
  "profile.close.title": "Close the account",
  "profile.close.link": "Close my account…",
  "profile.close.intro":
    "Closing the account erases your personal data and releases the places you hold. Certificates already issued stay verifiable; registers keep your hours under a pseudonym. This cannot be undone.",
  "profile.close.confirm": "I understand: I want to close my account",
  "profile.close.confirmRequired": "Confirm that you want to close the account.",
  "profile.close.submit": "Close my account for good",
  "profile.close.done": "Your account has been closed. Thank you for using Forma.",
  "profile.close.places": "Active enrolments that will be cancelled: {count}.",
  "profile.close.roles": "Your roles, which will be revoked: {roles}.",
  "profile.close.trainerEvents":
    "You will no longer be a trainer of {count, plural, one {# event} other {# events}}: the organisers will have to assign someone else.",
  "profile.close.identityIntro":
    "Your account has no password: to close it, confirm that it is you by signing in again with your digital identity.",
  "profile.close.identityButton": "Confirm your identity ({provider})",
  "profile.email.identityIntro":
    "Your account has no password: to change your address, confirm it is you by signing in again with your digital identity.",
  "profile.email.identityConfirmed":
    "Identity confirmed: you can ask for the change of address within the next 10 minutes.",
  "profile.email.identityRequired": "First confirm your digital identity with the button above.",
  "profile.password.none": "Your account has no password: you sign in with your digital identity (SPID or CIE).",
  "profile.password.noneSet": "If you also want a password, ask for the link to set one at your email address:",
  "profile.password.noneSetLink": "Set a password",
  "profile.close.identityConfirmed": "Identity confirmed: you can close the account within the next 10 minutes.",
  "profile.close.identityRequired": "First confirm your digital identity with the button above.",
  "profile.close.lastNationalUnit":
    "You are the only member of the national unit: first make another person a member in “Users and roles”, then close the account.",
  "profile.error.bad-request": "Invalid request.",
  "profile.closedAccountNote":
    "The holder's account has been closed: the certificate stays valid with the details it was issued with.",
  "admin.users.closeAccount": "Close the account (on request)",
  "admin.users.accountClosed": "Account closed.",
  "admin.users.lastNationalUnit":
    "Account not closed: it is the national unit's last. First make another person a member of the national unit.",
  "admin.users.lastNationalRole":
    "Role not revoked: this is the national unit's last member. First make another person a member of the national unit.",
  "admin.users.closeConfirmTitle": "Close {name}'s account?",
  "admin.users.closeConfirmIntro":
    "Close the account only if the person asked for it. Their personal data is erased and the places they hold are released; certificates already issued stay verifiable and registers keep their hours under a pseudonym. This cannot be undone.",
  "admin.users.closeConfirmPlaces": "Active enrolments that will be cancelled: {count}.",
  "admin.users.closeConfirmRoles": "Roles that will be revoked: {roles}.",
  "admin.users.closeConfirmTrainerEvents":
    "The person will no longer be a trainer of {count, plural, one {# event} other {# events}}: the organisers will have to assign someone else.",
  "admin.users.closeConfirmCheck": "The person asked to close their account {email}",
  "admin.users.closeAccountConfirmRequired": "Confirm that the person asked for the closure.",
  "admin.users.closeConfirmSubmit": "Close the account for good",
  "admin.users.closeConfirmCancel": "Cancel",
  "profile.emailChange.title": "Confirm the new email address",
  "profile.emailChange.intro": "Press the button to use {email} as your Forma account's address.",
  "profile.emailChange.submit": "Confirm the new address",
  "profile.emailChange.done": "Done: your account now uses the new email address.",
  "profile.emailChange.taken": "This address has meanwhile been taken by another account.",
  "profile.emailChange.expiredHint": "The link is valid for 24 hours: ask for another from your profile.",
};

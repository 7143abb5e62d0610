// Sign-in with SPID, CIE, EU Login and other OpenID Connect providers (ADR 0014).
export const it = {
  "oidc.or": "oppure",
  "oidc.providersTitle": "Accedi con un'identità digitale",
  "oidc.passwordTitle": "Accedi con email e password",
  "oidc.passwordOff": "L'accesso con email e password non è attivo: usa una delle identità digitali qui sopra.",
  "oidc.unknownProvider": "Questo fornitore di identità non è configurato.",
  "oidc.unavailable": "{provider} non risponde in questo momento. Riprova tra qualche minuto.",
  "oidc.error.title": "Accesso non riuscito",
  "oidc.error.transaction":
    "L'accesso è iniziato in un'altra finestra o è scaduto (dopo 10 minuti). Ricomincia dalla pagina di accesso.",
  "oidc.error.cancelled": "L'accesso è stato annullato presso il fornitore di identità.",
  "oidc.error.state": "La risposta del fornitore di identità non corrisponde a questo accesso ed è stata rifiutata.",
  "oidc.error.nonce": "La risposta del fornitore di identità non corrisponde a questo accesso ed è stata rifiutata.",
  "oidc.error.expired": "L'attestazione di identità ricevuta è scaduta. Ricomincia l'accesso.",
  "oidc.error.issuer": "La risposta non viene dal fornitore di identità atteso ed è stata rifiutata.",
  "oidc.error.code": "Questo codice di accesso è già stato usato o è scaduto. Ricomincia l'accesso.",
  "oidc.error.unavailable": "Il fornitore di identità non risponde in questo momento. Riprova tra qualche minuto.",
  "oidc.error.invalid": "La risposta del fornitore di identità non è valida ed è stata rifiutata.",
  "oidc.error.signed-out": "La tua sessione è terminata: accedi di nuovo e ripeti il collegamento.",
  "oidc.error.bad-request": "Richiesta non valida. Ricomincia dalla pagina di accesso.",
  "oidc.error.identity-taken": "Questa identità digitale è già collegata a un altro account Forma.",
  "oidc.error.provider-already-linked":
    "Il tuo account ha già un'identità di questo fornitore: scollegala prima di collegarne un'altra.",
  "oidc.error.fiscal-code-mismatch":
    "Il codice fiscale di questa identità è diverso da quello del tuo account: non può essere collegata.",
  "oidc.error.fiscal-code-taken": "Il codice fiscale di questa identità appartiene già a un altro account Forma.",
  "oidc.error.not-this-account":
    "Questa identità digitale non è collegata al tuo account: conferma con una delle identità del tuo account.",
  "oidc.error.email-unconfirmed":
    "Conferma prima il tuo indirizzo email: apri il link che ti abbiamo inviato dopo la registrazione, poi collega l'identità digitale.",
  "oidc.error.link-not-confirmed":
    "Questo collegamento non è stato chiesto dal tuo account: ricomincia dalla pagina «Accessi con identità digitale» del tuo profilo.",
  "oidc.error.backToLogin": "Torna alla pagina di accesso",
  "oidc.complete.title": "Completa il tuo profilo",
  "oidc.complete.intro":
    "{provider} ha confermato la tua identità. Prima di continuare indica la tua scuola, la regione e il ruolo: servono per le iscrizioni e gli attestati.",
  "oidc.complete.fromProvider": "Dati ricevuti da {provider}",
  "oidc.complete.fiscalCode": "Codice fiscale",
  "oidc.complete.emailHint":
    "Se cambi l'indirizzo ricevuto, ti chiederemo di confermarlo con un link che ti invieremo per email.",
  "oidc.complete.create": "Crea il mio account",
  "oidc.complete.emailTaken":
    "Esiste già un account con questa email. Se è tuo, collegalo qui sotto accedendo con la sua password.",
  "oidc.complete.fiscalCodeTaken":
    "Esiste già un account Forma con il tuo codice fiscale. Collegalo qui sotto accedendo con la sua password.",
  "oidc.complete.fiscalCodeTakenIdentity":
    "Esiste già un account Forma con il tuo codice fiscale: vi si accede con l'identità digitale, dal pulsante {holderProviders} della pagina di accesso. Accedi così, poi collega anche {provider} da «Il mio profilo › Modi di accesso»: da allora potrai entrare con l'una o con l'altra.",
  "oidc.complete.fiscalCodeTakenNoWayIn":
    "Esiste già un account Forma con il tuo codice fiscale, ma non ha un modo di accesso che funzioni qui. Scrivi all'Unità nazionale ({contactEmail}): ti aiuterà a collegare {provider} al tuo account.",
  "oidc.complete.fiscalCodeTakenGone":
    "Esiste già un account Forma con il tuo codice fiscale, ma vi si entrava con {gone} e ora non ha un modo di accesso che funzioni. Scrivi all'Unità nazionale ({contactEmail}): ti aiuterà a collegare {provider} al tuo account.",
  "oidc.complete.fiscalCodeTakenNoWayInReset":
    "Esiste già un account Forma con il tuo codice fiscale, ma non ha un modo di accesso che funzioni qui. {reset}",
  "oidc.complete.fiscalCodeTakenGoneReset":
    "Esiste già un account Forma con il tuo codice fiscale, ma vi si entrava con {gone} e ora non ha un modo di accesso che funzioni. {reset}",
  "oidc.complete.fiscalCodeReset":
    "Scegli una password con «Password dimenticata?» qui sotto: indica l'indirizzo email del tuo account e il link arriverà lì. Poi accedi con email e password e collega {provider} da «Il mio profilo › Modi di accesso». Se non ricordi l'indirizzo o non ne leggi più la posta, scrivi all'Unità nazionale ({contactEmail}): ti aiuterà a collegare {provider} al tuo account.",
  "oidc.complete.emailTakenIdentity":
    "Esiste già un account con questa email. Se è tuo, accedi con l'identità digitale che usi di solito e collega {provider} da «Il mio profilo › Modi di accesso». Se con quell'identità non puoi più entrare (per esempio perché Forma non la offre più), scegli una password con «Password dimenticata?» qui sotto: il link arriva a questo indirizzo; poi collega {provider} qui sotto con email e password. Se l'account non è tuo, indica un altro indirizzo.",
  "oidc.complete.emailTakenIdentityContact":
    "Esiste già un account con questa email. Se è tuo, accedi con l'identità digitale che usi di solito e collega {provider} da «Il mio profilo › Modi di accesso». Se con quell'identità non puoi più entrare (per esempio perché Forma non la offre più), scrivi all'Unità nazionale ({contactEmail}) da questo indirizzo. Se l'account non è tuo, indica un altro indirizzo.",
  "oidc.complete.toSignIn": "Vai alla pagina di accesso",
  "oidc.complete.rateLimited":
    "Troppi tentativi di creare l'account in poco tempo. Riprova tra {minutes, plural, one {# minuto} other {# minuti}}.",
  "oidc.complete.linkTitle": "Hai già un account Forma?",
  "oidc.complete.linkIntro":
    "Accedi una volta con email e password del tuo account: da allora potrai entrare anche con {provider}.",
  "oidc.complete.linkSubmit": "Accedi e collega",
  "oidc.complete.linkUnavailable":
    "Accedi con l'identità digitale che usi di solito per il tuo account, poi collega {provider} da «Il mio profilo › Modi di accesso».",
  "oidc.complete.refused.title": "Accesso non completato",
  "oidc.complete.refused":
    "Hai confermato la tua identità con {provider}, quindi l'accesso non può essere completato: con questa identità non è stato creato né collegato alcun account.",
  "oidc.complete.refused.passwordAndProviders":
    "Accedi invece con email e password, o con un'identità digitale che Forma offre, dalla pagina di accesso. Se non hai ancora un account Forma, registrati con email e password, oppure crealo accedendo con una di quelle identità digitali. Se il tuo account non ha una password o non la ricordi, usa «Password dimenticata?»: il link per sceglierla arriva al tuo indirizzo email.",
  "oidc.complete.refused.password":
    "Accedi invece con email e password dalla pagina di accesso. Se non hai ancora un account Forma, registrati con email e password. Se il tuo account non ha una password o non la ricordi, usa «Password dimenticata?»: il link per sceglierla arriva al tuo indirizzo email.",
  "oidc.complete.refused.providers":
    "Accedi invece con un'identità digitale che Forma offre, dalla pagina di accesso: se non hai ancora un account Forma, sarà creato al tuo primo accesso.",
  "oidc.profile.title": "Accessi con identità digitale",
  "oidc.profile.intro":
    "Le identità collegate al tuo account ti permettono di entrare in Forma senza password. Forma non riceve mai la tua password SPID o CIE.",
  "oidc.profile.none": "Nessuna identità digitale collegata.",
  "oidc.profile.provider": "Fornitore",
  "oidc.profile.email": "Email ricevuta",
  "oidc.profile.linkedAt": "Collegata il",
  "oidc.profile.lastUsedAt": "Ultimo accesso",
  "oidc.profile.unlinkLabel": "Scollega {provider}",
  "oidc.profile.link": "Collega {provider}",
  "oidc.profile.linked": "Identità collegata: da ora puoi entrare anche con {provider}.",
  "oidc.profile.unlinked": "Identità scollegata.",
  "oidc.profile.lastWayIn":
    "Non puoi scollegare l'unico modo che hai per entrare in Forma: collega prima un'altra identità.",
  "oidc.profile.notFound": "Questa identità non è collegata al tuo account.",
  "oidc.profile.fiscalCode": "Codice fiscale registrato: {code}",
  "oidc.profile.linkTitle": "Collega un'identità digitale",
  "oidc.profile.linkPasswordIntro":
    "Per collegare un'identità digitale inserisci la password del tuo account: da allora quell'identità entrerà nel tuo account senza password. Ti avviseremo per email.",
  "oidc.profile.linkIdentityIntro":
    "Il tuo account non ha una password: per collegare un'altra identità digitale conferma prima che sei tu, accedendo di nuovo con un'identità già collegata.",
  "oidc.profile.linkIdentityConfirmed":
    "Identità confermata: puoi collegare un'altra identità digitale nei prossimi 10 minuti.",
  "oidc.profile.linkIdentityRequired": "Conferma prima la tua identità digitale con il pulsante qui sopra.",
  "oidc.profile.unlinkTitle": "Scollega un'identità digitale",
  "oidc.profile.unlinkPasswordIntro":
    "Per scollegare un'identità digitale inserisci la password del tuo account: da allora quell'identità non entrerà più nel tuo account. Ti avviseremo per email.",
  "oidc.profile.unlinkIdentityIntro":
    "Il tuo account non ha una password: per scollegare un'identità digitale conferma prima che sei tu, accedendo di nuovo con un'identità già collegata.",
  "oidc.profile.unlinkIdentityConfirmed":
    "Identità confermata: puoi scollegare un'identità digitale nei prossimi 10 minuti.",
} as const;

export const en: Record<keyof typeof it, string> = {
  "oidc.or": "or",
  "oidc.providersTitle": "Sign in with a digital identity",
  "oidc.passwordTitle": "Sign in with email and password",
  "oidc.passwordOff": "Email and password sign-in is switched off: use one of the digital identities above.",
  "oidc.unknownProvider": "This identity provider is not configured.",
  "oidc.unavailable": "{provider} is not answering right now. Try again in a few minutes.",
  "oidc.error.title": "Sign-in failed",
  "oidc.error.transaction":
    "The sign-in started in another window or has expired (after 10 minutes). Start again from the sign-in page.",
  "oidc.error.cancelled": "The sign-in was cancelled at the identity provider.",
  "oidc.error.state": "The identity provider's answer does not match this sign-in and was refused.",
  "oidc.error.nonce": "The identity provider's answer does not match this sign-in and was refused.",
  "oidc.error.expired": "The identity statement received has expired. Start the sign-in again.",
  "oidc.error.issuer": "The answer does not come from the expected identity provider and was refused.",
  "oidc.error.code": "This sign-in code was already used or has expired. Start the sign-in again.",
  "oidc.error.unavailable": "The identity provider is not answering right now. Try again in a few minutes.",
  "oidc.error.invalid": "The identity provider's answer is not valid and was refused.",
  "oidc.error.signed-out": "Your session has ended: sign in again and repeat the linking.",
  "oidc.error.bad-request": "Invalid request. Start again from the sign-in page.",
  "oidc.error.identity-taken": "This digital identity is already linked to another Forma account.",
  "oidc.error.provider-already-linked":
    "Your account already has an identity from this provider: unlink it before linking another.",
  "oidc.error.fiscal-code-mismatch": "This identity's fiscal code differs from your account's: it cannot be linked.",
  "oidc.error.fiscal-code-taken": "This identity's fiscal code already belongs to another Forma account.",
  "oidc.error.not-this-account":
    "This digital identity is not linked to your account: confirm with one of your account's identities.",
  "oidc.error.email-unconfirmed":
    "First confirm your email address: open the link we sent you after you signed up, then link the digital identity.",
  "oidc.error.link-not-confirmed":
    "Your account did not ask for this link: start again from the “Digital identity sign-ins” page of your profile.",
  "oidc.error.backToLogin": "Back to the sign-in page",
  "oidc.complete.title": "Complete your profile",
  "oidc.complete.intro":
    "{provider} confirmed your identity. Before going on, tell us your school, region and role: enrolments and certificates need them.",
  "oidc.complete.fromProvider": "Received from {provider}",
  "oidc.complete.fiscalCode": "Fiscal code",
  "oidc.complete.emailHint": "If you change the address received, we will ask you to confirm it with a link by email.",
  "oidc.complete.create": "Create my account",
  "oidc.complete.emailTaken":
    "An account with this email already exists. If it is yours, link it below by signing in with its password.",
  "oidc.complete.fiscalCodeTaken":
    "A Forma account with your fiscal code already exists. Link it below by signing in with its password.",
  "oidc.complete.fiscalCodeTakenIdentity":
    "A Forma account with your fiscal code already exists: it is signed in to with a digital identity, through the {holderProviders} button of the sign-in page. Sign in that way, then also link {provider} from “My profile › Ways to sign in”: from then on you can use either.",
  "oidc.complete.fiscalCodeTakenNoWayIn":
    "A Forma account with your fiscal code already exists, but it has no way to sign in that works here. Write to the national unit ({contactEmail}): they will help you link {provider} to your account.",
  "oidc.complete.fiscalCodeTakenGone":
    "A Forma account with your fiscal code already exists, but it was signed in to through {gone} and now has no way to sign in that works. Write to the national unit ({contactEmail}): they will help you link {provider} to your account.",
  "oidc.complete.fiscalCodeTakenNoWayInReset":
    "A Forma account with your fiscal code already exists, but it has no way to sign in that works here. {reset}",
  "oidc.complete.fiscalCodeTakenGoneReset":
    "A Forma account with your fiscal code already exists, but it was signed in to through {gone} and now has no way to sign in that works. {reset}",
  "oidc.complete.fiscalCodeReset":
    "Choose a password through “Forgot your password?” below: give your account's email address and the link will go there. Then sign in with email and password and link {provider} from “My profile › Ways to sign in”. If you do not remember the address or no longer read its mail, write to the national unit ({contactEmail}): they will help you link {provider} to your account.",
  "oidc.complete.emailTakenIdentity":
    "An account with this email already exists. If it is yours, sign in with the digital identity you usually use and link {provider} from “My profile › Ways to sign in”. If you can no longer sign in with that identity (for instance because Forma no longer offers it), choose a password through “Forgot your password?” below: the link goes to this address; then link {provider} below with email and password. If the account is not yours, give another address.",
  "oidc.complete.emailTakenIdentityContact":
    "An account with this email already exists. If it is yours, sign in with the digital identity you usually use and link {provider} from “My profile › Ways to sign in”. If you can no longer sign in with that identity (for instance because Forma no longer offers it), write to the national unit ({contactEmail}) from this address. If the account is not yours, give another address.",
  "oidc.complete.toSignIn": "Go to the sign-in page",
  "oidc.complete.rateLimited":
    "Too many attempts to create the account in a short time. Try again in {minutes, plural, one {# minute} other {# minutes}}.",
  "oidc.complete.linkTitle": "Already have a Forma account?",
  "oidc.complete.linkIntro":
    "Sign in once with your account's email and password: from then on you can also sign in with {provider}.",
  "oidc.complete.linkSubmit": "Sign in and link",
  "oidc.complete.linkUnavailable":
    "Sign in with the digital identity you usually use for your account, then link {provider} from “My profile › Ways to sign in”.",
  "oidc.complete.refused.title": "Sign-in not completed",
  "oidc.complete.refused":
    "You confirmed your identity with {provider}, so this sign-in cannot be completed: no account has been created or linked with that identity.",
  "oidc.complete.refused.passwordAndProviders":
    "Sign in instead with email and password, or with a digital identity Forma offers, from the sign-in page. If you do not have a Forma account yet, sign up with email and password, or create it by signing in with one of those digital identities. If your account has no password or you do not remember it, use “Forgot your password?”: the link to choose one goes to your email address.",
  "oidc.complete.refused.password":
    "Sign in instead with email and password from the sign-in page. If you do not have a Forma account yet, sign up with email and password. If your account has no password or you do not remember it, use “Forgot your password?”: the link to choose one goes to your email address.",
  "oidc.complete.refused.providers":
    "Sign in instead with a digital identity Forma offers, from the sign-in page: if you do not have a Forma account yet, it will be created at your first sign-in.",
  "oidc.profile.title": "Digital identity sign-ins",
  "oidc.profile.intro":
    "Identities linked to your account let you into Forma without a password. Forma never receives your SPID or CIE password.",
  "oidc.profile.none": "No digital identity linked.",
  "oidc.profile.provider": "Provider",
  "oidc.profile.email": "Email received",
  "oidc.profile.linkedAt": "Linked on",
  "oidc.profile.lastUsedAt": "Last sign-in",
  "oidc.profile.unlinkLabel": "Unlink {provider}",
  "oidc.profile.link": "Link {provider}",
  "oidc.profile.linked": "Identity linked: you can now also sign in with {provider}.",
  "oidc.profile.unlinked": "Identity unlinked.",
  "oidc.profile.lastWayIn": "You cannot unlink your only way into Forma: link another identity first.",
  "oidc.profile.notFound": "This identity is not linked to your account.",
  "oidc.profile.fiscalCode": "Fiscal code on record: {code}",
  "oidc.profile.linkTitle": "Link a digital identity",
  "oidc.profile.linkPasswordIntro":
    "To link a digital identity, enter your account's password: from then on that identity will sign in to your account without a password. We will tell you by email.",
  "oidc.profile.linkIdentityIntro":
    "Your account has no password: to link another digital identity, first confirm it is you by signing in again with an identity already linked.",
  "oidc.profile.linkIdentityConfirmed":
    "Identity confirmed: you can link another digital identity within the next 10 minutes.",
  "oidc.profile.linkIdentityRequired": "First confirm your digital identity with the button above.",
  "oidc.profile.unlinkTitle": "Unlink a digital identity",
  "oidc.profile.unlinkPasswordIntro":
    "To unlink a digital identity, enter your account's password: from then on that identity will no longer sign in to your account. We will tell you by email.",
  "oidc.profile.unlinkIdentityIntro":
    "Your account has no password: to unlink a digital identity, first confirm it is you by signing in again with an identity already linked.",
  "oidc.profile.unlinkIdentityConfirmed":
    "Identity confirmed: you can unlink a digital identity within the next 10 minutes.",
};

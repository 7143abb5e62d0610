// Site frame: menu toggle, footer and the static pages (accessibility statement on AgID's model,
// privacy notice under art. 13 GDPR, legal notes). A page section's text is one message whose
// paragraphs are separated by a blank line.
export const it = {
  "nav.openMenu": "Apri il menu di navigazione",
  "nav.closeMenu": "Chiudi il menu di navigazione",
  "footer.contacts": "Contatti",
  "footer.contactsText": "Per informazioni sulle iniziative e sull'uso del servizio scrivi a",
  "footer.legal": "Informazioni legali",
  "footer.privacy": "Informativa sul trattamento dei dati personali",
  "footer.legalNotes": "Note legali",
  "footer.small": "Forma · servizio per la formazione del personale della scuola",
  "signup.privacy": "Prima di registrarti, leggi",
  "signup.privacyLink": "l'informativa sul trattamento dei dati personali",
  "confirm.cancel.title": "Vuoi annullare l'iscrizione?",
  "confirm.cancel.text":
    "Stai per annullare l'iscrizione a «{title}». Il posto potrà passare a chi è in lista d'attesa: per riaverlo dovrai iscriverti di nuovo, se ci saranno posti.",
  "confirm.cancel.yes": "Sì, annulla l'iscrizione",
  "confirm.leaveWaitlist.title": "Vuoi uscire dalla lista d'attesa?",
  "confirm.leaveWaitlist.text":
    "Stai per uscire dalla lista d'attesa di «{title}». Perderai la tua posizione: iscrivendoti di nuovo andrai in fondo alla lista.",
  "confirm.leaveWaitlist.yes": "Sì, esci dalla lista d'attesa",
  "confirm.keep": "No, torna alle mie iscrizioni",
  "confirm.cancel.reason": "Motivo (facoltativo)",
  "confirm.cancel.reasonHint": "Lo leggerà chi organizza l'iniziativa. Al massimo 500 caratteri.",
  "confirm.decline.title": "Vuoi rinunciare al posto offerto?",
  "confirm.decline.text":
    "Stai per rinunciare al posto offerto in «{title}». Il posto potrà passare alla persona successiva in lista d'attesa e uscirai dalla lista d'attesa: la rinuncia non si può annullare.",
  "confirm.decline.yes": "Sì, rinuncia al posto",
  "confirm.withdraw.title": "Vuoi ritirare la candidatura?",
  "confirm.withdraw.text":
    "Stai per ritirare la candidatura per «{title}». Il ritiro è definitivo: la candidatura non sarà più valutata. Per partecipare dovrai inviarne una nuova, se le candidature sono ancora aperte.",
  "confirm.withdraw.yes": "Sì, ritira la candidatura",
  "confirm.required": "Conferma la tua scelta dalla pagina Le mie iscrizioni: non è cambiato nulla.",
  "cancellation.reason": "Motivo dell'annullamento (obbligatorio)",
  "cancellation.reasonHint":
    "Al massimo {max} caratteri. Viene inviato per email alle persone iscritte e in lista d'attesa e mostrato nella pagina pubblica dell'iniziativa.",
  "cancellation.reasonRequired":
    "Indica il motivo dell'annullamento (al massimo 500 caratteri): nulla è stato annullato.",
  "cancellation.event.title": "Vuoi annullare l'iniziativa «{title}»?",
  "cancellation.event.text":
    "L'annullamento è definitivo: tutte le edizioni vengono annullate, le iscrizioni e le liste d'attesa si chiudono e ogni persona iscritta o in lista d'attesa riceve un'email con il motivo.",
  "cancellation.event.editions": "Edizioni che saranno annullate: {editions}.",
  "cancellation.event.yes": "Sì, annulla l'iniziativa",
  "cancellation.event.keep": "No, torna all'iniziativa",
  "cancellation.edition.title": "Vuoi annullare l'edizione {number}?",
  "cancellation.edition.text":
    "L'annullamento è definitivo: le iscrizioni e la lista d'attesa di questa edizione si chiudono e ogni persona iscritta o in lista d'attesa riceve un'email con il motivo.",
  "cancellation.edition.yes": "Sì, annulla l'edizione",
  "cancellation.edition.keep": "No, torna all'edizione",
  "cancellation.confirmRequired": "Per annullare conferma dal secondo passaggio e indica il motivo.",
  "cancellation.eventCancelled": "Questa iniziativa è stata annullata dall'organizzazione.",
  "cancellation.editionCancelled": "Questa edizione è stata annullata dall'organizzazione.",
  "cancellation.reasonShown": "Motivo: {reason}",
  "eventPage.mine.title": "La tua iscrizione",
  "eventPage.mine.enrolled": "Hai un posto in questa edizione.",
  "eventPage.mine.waitlisted": "Sei in lista d'attesa: posizione {position}.",
  "eventPage.mine.offered": "Ti è offerto un posto: accettalo entro {date}.",
  "eventPage.mine.applied": "La tua candidatura è in valutazione.",
  "eventPage.mine.manage": "Gestisci nelle tue iscrizioni",
  "eventPage.room.join": "Entra nell'aula online",
  "eventPage.room.later": "Link all'aula online disponibile dalle {time} del {date}",
  "static.breadcrumb": "Percorso di navigazione",
  "static.home": "Home",
  "a11y.title": "Dichiarazione di accessibilità",
  "a11y.intro":
    "L'Unità nazionale eTwinning si impegna a rendere accessibile il servizio Forma, conformemente alla legge 9 gennaio 2004, n. 4 e al decreto legislativo 10 agosto 2018, n. 106, che ha recepito la direttiva (UE) 2016/2102.\n\nLa presente dichiarazione di accessibilità si applica al servizio Forma (catalogo, iscrizioni, registri e attestati).",
  "a11y.status.title": "Stato di conformità",
  "a11y.status.text":
    "Forma è parzialmente conforme ai requisiti previsti dall'allegato A alla norma UNI CEI EN 301549 (WCAG 2.1 livello AA), per i contenuti non accessibili indicati di seguito.",
  "a11y.missing.title": "Contenuti non accessibili",
  "a11y.missing.text":
    "I documenti PDF generati (attestati, registri presenze, piano di formazione) sono PDF accessibili marcati (tag di struttura, lingua e titolo del documento, e la lingua del titolo di un'iniziativa scritto in un'altra lingua).\n\nI documenti caricati dagli utenti (ad esempio attestati di formazione esterna) dipendono da chi li carica.",
  "a11y.method.title": "Redazione della dichiarazione",
  "a11y.method.text":
    "La dichiarazione è stata redatta il {date} sulla base di un'autovalutazione: ogni pagina principale è verificata con test automatici (axe, WCAG 2.1 A e AA) a 390 e 1366 pixel di larghezza, con la navigazione da tastiera e senza scorrimento orizzontale da 320 pixel.",
  "a11y.feedback.title": "Feedback e recapiti",
  "a11y.feedback.text":
    "Puoi segnalare casi di mancata conformità o chiedere le informazioni e i contenuti esclusi scrivendo a {email}. Ti risponderemo entro 30 giorni.",
  "a11y.enforcement.title": "Procedura di attuazione",
  "a11y.enforcement.text":
    "In caso di risposta insoddisfacente o di mancata risposta entro 30 giorni dalla segnalazione, puoi inoltrare una segnalazione all'Agenzia per l'Italia Digitale (AgID) con il modulo pubblicato sul sito dell'Agenzia.",
  "privacy.title": "Informativa sul trattamento dei dati personali",
  "privacy.intro":
    "Questa informativa è resa ai sensi degli articoli 13 e 14 del Regolamento (UE) 2016/679 (GDPR) a chi si registra e usa il servizio Forma.",
  "privacy.controller.title": "Titolare del trattamento",
  "privacy.controller.text":
    "Il titolare del trattamento è l'Unità nazionale eTwinning, che gestisce il servizio. Gli Uffici scolastici regionali trattano i dati delle iniziative che organizzano come autorizzati del titolare. Il responsabile della protezione dei dati (RPD) si contatta all'indirizzo {dpo}.",
  "privacy.data.title": "Dati trattati",
  "privacy.data.text":
    "Nome, cognome, email, scuola di servizio (denominazione e codice meccanografico), ordine di scuola, regione e ruolo, e quelli che avevi prima di ogni loro modifica, con la data della modifica (per contare le iscrizioni nelle statistiche con i dati del momento dell'iscrizione); le iscrizioni, le presenze, le candidature, le risposte ai questionari (in forma anonima) e gli attestati; la formazione esterna che registri e i file che carichi; le ricerche per cui chiedi un avviso di nuovi eventi (fino a quando le elimini o chiudi l'account); se accedi con SPID, CIE o un altro fornitore di identità digitale, il codice fiscale e l'identificativo che il fornitore ti assegna; gli accessi all'account (dispositivo e browser, data e ora) e, per la sicurezza del servizio, l'indirizzo IP delle richieste.",
  "privacy.purpose.title": "Finalità e base giuridica",
  "privacy.purpose.text":
    "I dati servono a gestire il catalogo delle iniziative, le iscrizioni e le liste d'attesa, i registri delle presenze e il rilascio degli attestati, e a inviarti le comunicazioni sulle iniziative a cui partecipi. La base giuridica è l'esecuzione di un compito di interesse pubblico (art. 6, par. 1, lett. e del GDPR).",
  "privacy.recipients.title": "Chi vede i dati",
  "privacy.recipients.text":
    "Referenti dell'Ufficio scolastico regionale che organizza l'iniziativa e personale formatore assegnato vedono i dati di chi partecipa a quell'iniziativa; l'Unità nazionale vede tutti i dati. I dati non sono trasferiti fuori dall'Unione europea.",
  "privacy.retention.title": "Conservazione",
  "privacy.retention.text":
    "I dati dell'account sono conservati finché l'account è attivo. Una registrazione mai confermata (senza iscrizioni) è cancellata dopo {unconfirmedDays, plural, one {# giorno} other {# giorni}}, e mai prima di {unconfirmedWarningDays, plural, one {# giorno} other {# giorni}} da un avviso per email con il link per confermarla; i link inviati per email (conferma, nuova password, cambio di indirizzo), usati o scaduti, dopo {tokenDays, plural, one {# giorno} other {# giorni}}; le notifiche e le email inviate o non recapitate dopo {notificationDays, plural, one {# giorno} other {# giorni}} (i messaggi sull'account non recapitati, con l'indirizzo a cui erano diretti, dopo {tokenDays, plural, one {# giorno} other {# giorni}}); una sessione di accesso alla sua scadenza ({sessionDays, plural, one {# giorno} other {# giorni}} al massimo).\n\nSe chiudi l'account sono cancellati email, nome, scuola, codice fiscale, identità digitali collegate, password, sessioni, notifiche, formazione esterna con i suoi file e i testi delle candidature. Restano, sotto uno pseudonimo, le iscrizioni e le presenze, perché i registri delle iniziative restino esatti, con l'ordine di scuola, la regione e il ruolo con cui sono contate nelle statistiche (dei dati precedenti a una modifica solo quelli con cui avevi fatto un'iscrizione, senza la data della modifica), e gli attestati come sono stati rilasciati (con il nome), perché chi ne ha copia possa verificarli: per il tempo necessario a documentare la formazione svolta.",
  "privacy.audit.title": "Registro delle modifiche",
  "privacy.audit.text":
    "Forma registra chi modifica iscrizioni, candidature, edizioni, eventi, account e ruoli, che cosa e quando. Queste registrazioni sono cancellate dopo {auditDays, plural, one {# giorno} other {# giorni}}, con tre eccezioni: quelle di un'edizione e delle sue iscrizioni restano fino a {auditDays, plural, one {# giorno} other {# giorni}} dalla fine dell'edizione, quelle di un evento fino a {auditDays, plural, one {# giorno} other {# giorni}} dalla sua fine, e quelle che assegnano o tolgono un ruolo (referente USR, formatore, Unità nazionale) finché la persona ha un ruolo.",
  "privacy.audit.kept":
    "Forma registra chi modifica iscrizioni, candidature, edizioni, eventi, account e ruoli, che cosa e quando. Il titolare del trattamento non ha ancora stabilito per quanto tempo conservare queste registrazioni: finché non lo fa sono conservate senza scadenza, e questa informativa riporterà il periodo scelto.",
  "privacy.rights.title": "I tuoi diritti",
  "privacy.rights.text":
    "Puoi chiedere l'accesso ai tuoi dati, la rettifica, la cancellazione, la limitazione del trattamento e opporti al trattamento (articoli 15-22 del GDPR) scrivendo a {dpo}. Puoi anche scaricare in autonomia i tuoi dati (Profilo, «I miei dati») e chiudere l'account (Profilo, «Chiudi il mio account»). L'archivio dei tuoi dati dice anche chi ha modificato le tue iscrizioni, candidature e il tuo account, che cosa e quando: chi ha fatto la modifica è indicato con il suo ruolo (referente USR e regione, formazione, Unità nazionale), non con il nome. Puoi proporre reclamo al Garante per la protezione dei dati personali.",
  "privacy.version":
    "Versione dell'informativa: {version}. Ogni account registra la versione mostrata alla registrazione.",
  "legal.title": "Note legali",
  "legal.intro":
    "Forma è un servizio dell'Unità nazionale eTwinning e degli Uffici scolastici regionali per la formazione del personale della scuola.",
  "legal.content.title": "Contenuti",
  "legal.content.text":
    "I testi delle iniziative sono pubblicati dagli uffici che le organizzano, che ne sono responsabili. Salvo diversa indicazione, i contenuti del servizio possono essere riutilizzati citando la fonte.",
  "legal.links.title": "Collegamenti",
  "legal.links.text":
    "I collegamenti a siti esterni (ad esempio le stanze dei webinar) sono forniti per comodità: il servizio non è responsabile del loro contenuto.",
} as const;

export const en: Record<keyof typeof it, string> = {
  "nav.openMenu": "Open the navigation menu",
  "nav.closeMenu": "Close the navigation menu",
  "footer.contacts": "Contacts",
  "footer.contactsText": "For information about the initiatives and the service, write to",
  "footer.legal": "Legal information",
  "footer.privacy": "Privacy notice",
  "footer.legalNotes": "Legal notes",
  "footer.small": "Forma · training service for school staff",
  "signup.privacy": "Before signing up, read the",
  "signup.privacyLink": "privacy notice",
  "confirm.cancel.title": "Cancel your enrolment?",
  "confirm.cancel.text":
    "You are about to cancel your enrolment in “{title}”. The seat may go to whoever is on the waiting list: to get it back you will have to enrol again, if seats are left.",
  "confirm.cancel.yes": "Yes, cancel my enrolment",
  "confirm.leaveWaitlist.title": "Leave the waiting list?",
  "confirm.leaveWaitlist.text":
    "You are about to leave the waiting list of “{title}”. You will lose your position: enrolling again puts you at the end of the list.",
  "confirm.leaveWaitlist.yes": "Yes, leave the waiting list",
  "confirm.keep": "No, back to my enrolments",
  "confirm.cancel.reason": "Reason (optional)",
  "confirm.cancel.reasonHint": "The organiser will read it. At most 500 characters.",
  "confirm.decline.title": "Decline the offered seat?",
  "confirm.decline.text":
    "You are about to decline the seat offered in “{title}”. The seat may go to the next person on the waiting list and you will leave the waiting list: this cannot be undone.",
  "confirm.decline.yes": "Yes, decline the seat",
  "confirm.withdraw.title": "Withdraw your application?",
  "confirm.withdraw.text":
    "You are about to withdraw your application for “{title}”. This is final: the application will no longer be assessed. To take part you will have to send a new one, if applications are still open.",
  "confirm.withdraw.yes": "Yes, withdraw my application",
  "confirm.required": "Confirm your choice from the My enrolments page: nothing has changed.",
  "cancellation.reason": "Reason for cancelling (required)",
  "cancellation.reasonHint":
    "At most {max} characters. It is emailed to the enrolled and waitlisted teachers and shown on the initiative's public page.",
  "cancellation.reasonRequired": "Give the reason for cancelling (at most 500 characters): nothing has been cancelled.",
  "cancellation.event.title": "Cancel the initiative “{title}”?",
  "cancellation.event.text":
    "Cancelling is final: every edition is cancelled, enrolments and waiting lists end, and every enrolled or waitlisted teacher receives an email with the reason.",
  "cancellation.event.editions": "Editions that will be cancelled: {editions}.",
  "cancellation.event.yes": "Yes, cancel the initiative",
  "cancellation.event.keep": "No, back to the initiative",
  "cancellation.edition.title": "Cancel edition {number}?",
  "cancellation.edition.text":
    "Cancelling is final: this edition's enrolments and waiting list end, and every enrolled or waitlisted teacher receives an email with the reason.",
  "cancellation.edition.yes": "Yes, cancel the edition",
  "cancellation.edition.keep": "No, back to the edition",
  "cancellation.confirmRequired": "To cancel, confirm on the second step and give the reason.",
  "cancellation.eventCancelled": "This initiative has been cancelled by the organiser.",
  "cancellation.editionCancelled": "This edition has been cancelled by the organiser.",
  "cancellation.reasonShown": "Reason: {reason}",
  "eventPage.mine.title": "Your enrolment",
  "eventPage.mine.enrolled": "You have a seat in this edition.",
  "eventPage.mine.waitlisted": "You are on the waiting list: position {position}.",
  "eventPage.mine.offered": "A seat is offered to you: accept it by {date}.",
  "eventPage.mine.applied": "Your application is being reviewed.",
  "eventPage.mine.manage": "Manage it in My enrolments",
  "eventPage.room.join": "Join the online room",
  "eventPage.room.later": "Online room link available from {time} on {date}",
  "static.breadcrumb": "Breadcrumb",
  "static.home": "Home",
  "a11y.title": "Accessibility statement",
  "a11y.intro":
    "The eTwinning National Unit is committed to making the Forma service accessible, in accordance with Italian Law 4/2004 and Legislative Decree 106/2018, which transposed Directive (EU) 2016/2102.\n\nThis accessibility statement applies to the Forma service (catalogue, enrolments, registers and certificates).",
  "a11y.status.title": "Compliance status",
  "a11y.status.text":
    "Forma is partially compliant with the requirements of annex A to UNI CEI EN 301549 (WCAG 2.1 level AA), because of the non-accessible content listed below.",
  "a11y.missing.title": "Non-accessible content",
  "a11y.missing.text":
    "The generated PDF documents (certificates, attendance registers, training plan) are tagged PDFs (structure tags, document language and title, and the language of an event title written in another language).\n\nDocuments uploaded by users (for instance certificates of external training) depend on who uploads them.",
  "a11y.method.title": "Preparation of this statement",
  "a11y.method.text":
    "This statement was prepared on {date} from a self-assessment: every main page is checked by automated tests (axe, WCAG 2.1 A and AA) at 390 and 1366 pixels wide, with keyboard navigation and no horizontal scrolling from 320 pixels.",
  "a11y.feedback.title": "Feedback and contact",
  "a11y.feedback.text":
    "You can report a lack of compliance or ask for the excluded information and content by writing to {email}. We will answer within 30 days.",
  "a11y.enforcement.title": "Enforcement procedure",
  "a11y.enforcement.text":
    "If the answer is unsatisfactory or there is no answer within 30 days, you can report it to the Agency for Digital Italy (AgID) with the form published on the Agency's website.",
  "privacy.title": "Privacy notice",
  "privacy.intro":
    "This notice is given under articles 13 and 14 of Regulation (EU) 2016/679 (GDPR) to whoever signs up for and uses the Forma service.",
  "privacy.controller.title": "Data controller",
  "privacy.controller.text":
    "The data controller is the eTwinning National Unit, which runs the service. The Regional School Offices process the data of the initiatives they organise as persons authorised by the controller. The data protection officer (DPO) can be reached at {dpo}.",
  "privacy.data.title": "Data processed",
  "privacy.data.text":
    "First and last name, email, school (name and code), school level, region and role, and those you had before each change of them, with the date of the change (so that statistics count each enrolment with the details you had when you enrolled); enrolments, attendance, applications, questionnaire answers (anonymous) and certificates; the external training you record and the files you upload; the searches you ask alerts of new events for (until you delete them or close the account); if you sign in with SPID, CIE or another digital identity provider, your tax code (codice fiscale) and the identifier the provider gives you; the sign-ins to your account (device and browser, date and time) and, for the security of the service, the IP address of requests.",
  "privacy.purpose.title": "Purposes and legal basis",
  "privacy.purpose.text":
    "The data is used to run the catalogue of initiatives, enrolments and waiting lists, attendance registers and certificates, and to send you messages about the initiatives you take part in. The legal basis is the performance of a task carried out in the public interest (art. 6(1)(e) GDPR).",
  "privacy.recipients.title": "Who sees the data",
  "privacy.recipients.text":
    "The referents of the Regional School Office organising an initiative and its trainers see the data of that initiative's participants; the National Unit sees all data. The data is not transferred outside the European Union.",
  "privacy.retention.title": "Retention",
  "privacy.retention.text":
    "Account data is kept while the account is active. A sign-up never confirmed (with no enrolment) is deleted after {unconfirmedDays, plural, one {# day} other {# days}}, and never sooner than {unconfirmedWarningDays, plural, one {# day} other {# days}} after an email warning with the link to confirm it; links sent by email (confirmation, new password, change of address), used or expired, after {tokenDays, plural, one {# day} other {# days}}; notifications and emails sent or not delivered after {notificationDays, plural, one {# day} other {# days}} (account messages not delivered, with the address they were for, after {tokenDays, plural, one {# day} other {# days}}); a sign-in session when it expires ({sessionDays, plural, one {# day} other {# days}} at most).\n\nIf you close your account, your email, name, school, tax code, linked digital identities, password, sessions, notifications, external training with its files and the texts of your applications are deleted. Kept under a pseudonym: enrolments and attendance, so that the initiatives' registers stay accurate, with the school level, region and role they are counted under in statistics (of those you had before a change, only the ones you enrolled in something with, without the date of the change), and certificates as issued (with the name), so that whoever holds a copy can verify them, for as long as needed to document the training done.",
  "privacy.audit.title": "Change log",
  "privacy.audit.text":
    "Forma records who changes enrolments, applications, editions, events, accounts and roles, what and when. These records are deleted after {auditDays, plural, one {# day} other {# days}}, with three exceptions: those of an edition and its enrolments are kept until {auditDays, plural, one {# day} other {# days}} after the edition ends, those of an event until {auditDays, plural, one {# day} other {# days}} after it ends, and those granting or removing a role (regional office referent, trainer, National Unit) for as long as the person holds a role.",
  "privacy.audit.kept":
    "Forma records who changes enrolments, applications, editions, events, accounts and roles, what and when. The data controller has not yet set how long these records are kept: until it does, they are kept with no end date, and this notice will state the period chosen.",
  "privacy.rights.title": "Your rights",
  "privacy.rights.text":
    'You can ask for access to your data, rectification, erasure, restriction of processing and object to processing (articles 15-22 GDPR) by writing to {dpo}. You can also download your data yourself (Profile, "My data") and close your account (Profile, "Close my account"). The archive of your data also says who changed your enrolments, applications and account, what and when: whoever made the change is named by their role (regional office referent and region, trainer, National Unit), not by name. You can lodge a complaint with the Italian data protection authority (Garante per la protezione dei dati personali).',
  "privacy.version": "Version of this notice: {version}. Each account records the version shown when it was created.",
  "legal.title": "Legal notes",
  "legal.intro":
    "Forma is a service of the eTwinning National Unit and the Regional School Offices for the training of school staff.",
  "legal.content.title": "Content",
  "legal.content.text":
    "The texts of the initiatives are published by the offices that organise them, which are responsible for them. Unless stated otherwise, the service's content may be reused with attribution.",
  "legal.links.title": "Links",
  "legal.links.text":
    "Links to external sites (for instance webinar rooms) are given for convenience: the service is not responsible for their content.",
};

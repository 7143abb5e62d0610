// The organiser places teachers in an edition (issue 15, item 2).
export const it = {
  "placement.link": "Inserisci partecipanti",
  "placement.title": "Inserisci partecipanti",
  "placement.back": "Torna all'edizione",
  "placement.edition": "{title} — edizione {number}",
  "placement.intro":
    "Scrivi l'indirizzo email di una persona e guarda l'anteprima: l'inserimento avviene solo dopo la conferma. Se non ci sono posti liberi la persona va in lista d'attesa. In ogni caso riceve un'email e l'operazione resta nel registro delle modifiche.",
  "placement.introAfterTheFact":
    "Scrivi l'indirizzo email di una persona e guarda l'anteprima: l'inserimento avviene solo dopo la conferma. In ogni caso la persona riceve un'email e l'operazione resta nel registro delle modifiche.",
  "placement.full": "L'edizione è al completo: chi inserisci ora va in lista d'attesa.",
  "placement.email": "Email della persona da inserire",
  "placement.pool.quotaSeat": "La persona prende uno dei posti riservati: {region}, dove ci sono ancora posti liberi.",
  "placement.pool.quotaFull":
    "I posti riservati ({region}), da cui viene il posto di questa persona, sono al completo: va nella loro lista d'attesa. Aumentare i posti dell'edizione non le dà un posto.",
  "placement.pool.quotaFullAfterTheFact":
    "I posti riservati ({region}), da cui viene il posto di questa persona, sono al completo e l'edizione è conclusa: la partecipazione non si può registrare finché uno di quei posti non si libera.",
  "placement.previewButton": "Mostra l'anteprima",
  "placement.previewTitle": "Anteprima",
  "placement.check.found": "{name} ({email}): l'inserimento è possibile.",
  "placement.check.unknown": "Nessun account registrato con l'indirizzo {email}: non viene creato nulla.",
  "placement.check.already-placed":
    "{name} ({email}) ha già un posto in questo evento (iscrizione, posto offerto, lista d'attesa o candidatura in corso): si può avere un solo posto per evento.",
  "placement.check.not-eligible": "{name} ({email}) non soddisfa i requisiti: {reasons}.",
  "placement.check.refused": "{name} ({email}): l'inserimento in questa edizione non è possibile.",
  "placement.reason.event-not-open": "evento non pubblicato",
  "placement.reason.edition-cancelled": "edizione annullata",
  "placement.reason.enrolment-closed-early": "iscrizioni chiuse in anticipo",
  "placement.reason.window-not-open": "iscrizioni non ancora aperte",
  "placement.reason.window-closed": "iscrizioni chiuse",
  "placement.reason.training-over": "formazione già conclusa",
  "placement.reason.other-region": "docente di un'altra regione",
  "placement.reason.audience-school-level": "ordine di scuola non previsto",
  "placement.reason.audience-role": "ruolo professionale non previsto",
  "placement.override": "Inserisci comunque, in deroga ai requisiti",
  "placement.reason": "Motivo della deroga",
  "placement.reasonHint": "Obbligatorio per la deroga. Da {min} a {max} caratteri.",
  "placement.submit": "Inserisci {name} nell'edizione",
  "placement.previewStale":
    "Hai cambiato l'indirizzo dopo l'anteprima: mostra di nuovo l'anteprima per vedere chi inserisci.",
  "placement.error.preview-changed":
    "L'indirizzo non è quello dell'anteprima: nessuna persona è stata inserita. Controlla la nuova anteprima qui sotto e conferma di nuovo.",
  "placement.done.iscritto": "Iscrizione fatta: la persona ha un posto.",
  "placement.done.in-attesa": "Edizione al completo: la persona è ora in lista d'attesa.",
  "placement.done.afterTheFact": "Partecipazione registrata: la persona ha un posto nell'edizione conclusa.",
  "placement.error.reason": "Per la deroga scrivi il motivo (almeno 5 caratteri).",
  "placement.error.unknown": "Nessun account con questo indirizzo: nulla è stato creato.",
  "placement.error.already-placed":
    "La persona ha già un posto in questo evento (iscrizione, posto offerto, lista d'attesa o candidatura in corso): si può avere un solo posto per evento.",
  "placement.error.not-eligible":
    "La persona non soddisfa i requisiti: per inserirla spunta la deroga e scrivi il motivo.",
  "placement.error.refused": "Non è possibile inserire docenti in questa edizione.",
  "placement.error.cancelled": "L'edizione è annullata: non vi si inseriscono più docenti.",
  "placement.cancelled":
    "Questa edizione è annullata: non vi si possono più inserire docenti e la sua lista d'attesa è chiusa.",
  "placement.error.reason-required": "Per la deroga scrivi il motivo (almeno 5 caratteri).",
  "placement.check.register-closed":
    "{name} ({email}): il registro dell'edizione è chiuso e gli attestati sono stati emessi, non si inseriscono più partecipanti.",
  "placement.afterTheFact":
    "L'edizione è conclusa: inserire ora una persona registra la sua partecipazione a posteriori (per esempio una presenza in aula senza iscrizione), con un posto e mai in lista d'attesa. La persona riceve un'email senza invito nel calendario; presenze e attestato seguono il registro dell'edizione.",
  "placement.fullAfterTheFact":
    "L'edizione è conclusa e al completo: per registrare una partecipazione aumenta il numero dei posti.",
  "placement.registerClosed":
    "Il registro di questa edizione è chiuso e gli attestati sono stati emessi: non si possono più inserire partecipanti.",
  "placement.error.register-closed":
    "Il registro dell'edizione è chiuso e gli attestati sono stati emessi: non si inseriscono più partecipanti.",
  "placement.error.ended-full":
    "L'edizione è conclusa e non ha posti liberi: la lista d'attesa non serve più. Aumenta il numero dei posti per registrare la partecipazione.",
  "placement.csv.outcome.register-closed": "non inserito: il registro è chiuso",
  "placement.csv.outcome.ended-full": "non inserito: edizione conclusa e al completo",
  "placement.csv.title": "Inserisci da un file CSV",
  "placement.csv.intro":
    "Carica un file CSV (UTF-8) con gli indirizzi email delle persone da inserire, in una colonna intitolata «email» o nella prima colonna; al massimo {rows, plural, one {# riga} other {# righe}} e {kb} KB. L'anteprima mostra l'esito di ogni riga prima della conferma.",
  "placement.csv.file": "File CSV",
  "placement.csv.invalid": "Riga {line}: «{value}» non è un indirizzo email.",
  "placement.csv.override":
    "{count, plural, one {Inserisci comunque, in deroga, la persona che non soddisfa i requisiti} other {Inserisci comunque, in deroga, le # persone che non soddisfano i requisiti}}",
  "placement.csv.submit": "{count, plural, one {Inserisci # docente} other {Inserisci # docenti}}",
  "placement.csv.raiseCap":
    "Aumenta i posti di uno per ogni persona inserita, fino a {cap}, e dai a tutte un posto (altrimenti vanno in lista d'attesa)",
  "placement.csv.doneTitle": "Esito",
  "placement.csv.outcome.iscritto": "iscrizione con un posto",
  "placement.csv.outcome.in-attesa": "in lista d'attesa",
  "placement.csv.outcome.unknown": "nessun account con questo indirizzo",
  "placement.csv.outcome.already-placed": "già presente nell'evento",
  "placement.csv.outcome.not-eligible": "nessun inserimento: requisiti non soddisfatti (serve la deroga)",
  "placement.csv.outcome.refused": "non inseribile in questa edizione",
  "placement.csv.outcome.reason-required": "nessun inserimento: manca il motivo della deroga",
  "placement.csv.error.form": "Il modulo non è valido: ricarica il file.",
  "placement.csv.error.emails": "L'elenco degli indirizzi non è valido: ricarica il file.",
  "placement.csv.error.empty": "Scegli un file CSV con almeno un indirizzo email.",
  "placement.csv.error.encoding": "Il file non è un testo UTF-8: salvalo come «CSV UTF-8» e riprova.",
  "placement.csv.error.malformed": "Il file CSV non è leggibile: controlla le virgolette e i separatori.",
  "placement.csv.error.too-large": "Il file è troppo grande (al massimo 64 KB).",
  "placement.csv.error.too-many-rows": "Il file ha troppe righe (al massimo 200).",
  "placement.waitlist.title": "Lista d'attesa",
  "placement.waitlist.empty": "La lista d'attesa è vuota.",
  "placement.waitlist.intro":
    "I posti che si liberano vanno in quest'ordine. Puoi spostare una persona in un'altra posizione scrivendo il motivo: riceverà un'email e lo spostamento resta nel registro delle modifiche.",
  "placement.waitlist.generalPool": "Posti generali",
  "placement.waitlist.quotaPool": "Posti riservati: {region}",
  "placement.waitlist.person": "{position}. {name} ({email})",
  "placement.waitlist.move": "Sposta in un'altra posizione",
  "placement.waitlist.ofPerson": " – {name}",
  "placement.waitlist.position": "Nuova posizione (1 = prima in lista)",
  "placement.waitlist.reason": "Motivo dello spostamento (comunicato alla persona)",
  "placement.waitlist.submit": "Sposta",
  "placement.waitlist.moved": "Spostamento registrato: la persona è ora in posizione {position}.",
  "placement.waitlist.error.position": "Scrivi una posizione: un numero intero da 1 in su.",
  "placement.waitlist.error.not-waiting": "Questa persona non è più in lista d'attesa.",
  "placement.waitlist.error.reason-required": "Scrivi il motivo dello spostamento (almeno 5 caratteri).",
  "placement.waitlist.error.same-position": "La persona è già in quella posizione.",
} as const;

export const en: Record<keyof typeof it, string> = {
  "placement.link": "Add participants",
  "placement.title": "Add participants",
  "placement.back": "Back to the edition",
  "placement.edition": "{title} — edition {number}",
  "placement.intro":
    "Type a teacher's email address and look at the preview: nothing happens until you confirm. With no free place the teacher goes on the waiting list. The teacher receives an email and the act is kept in the change log.",
  "placement.introAfterTheFact":
    "Type a teacher's email address and look at the preview: nothing happens until you confirm. The teacher receives an email and the act is kept in the change log.",
  "placement.full": "The edition is full: anyone you add now goes on the waiting list.",
  "placement.email": "Teacher's email",
  "placement.pool.quotaSeat": "The person takes one of the reserved seats: {region}, where seats are still free.",
  "placement.pool.quotaFull":
    "The reserved seats ({region}) this person's place comes from are full: they go on their waitlist. Raising the edition's seats does not give them a seat.",
  "placement.pool.quotaFullAfterTheFact":
    "The reserved seats ({region}) this person's place comes from are full and the edition is over: the participation cannot be recorded until one of those seats is free.",
  "placement.previewButton": "Show the preview",
  "placement.previewTitle": "Preview",
  "placement.check.found": "{name} ({email}) can be added.",
  "placement.check.unknown": "No account is registered with {email}: nothing is created.",
  "placement.check.already-placed":
    "{name} ({email}) already holds a place in this event (enrolled, offered a seat, on the waiting list or applying): one place per event.",
  "placement.check.not-eligible": "{name} ({email}) does not meet the requirements: {reasons}.",
  "placement.check.refused": "{name} ({email}) cannot be added to this edition.",
  "placement.reason.event-not-open": "event not published",
  "placement.reason.edition-cancelled": "edition cancelled",
  "placement.reason.enrolment-closed-early": "enrolment closed early",
  "placement.reason.window-not-open": "enrolment not open yet",
  "placement.reason.window-closed": "enrolment closed",
  "placement.reason.training-over": "training already over",
  "placement.reason.other-region": "teacher from another region",
  "placement.reason.audience-school-level": "school level not in the audience",
  "placement.reason.audience-role": "professional role not in the audience",
  "placement.override": "Add anyway, overriding the requirements",
  "placement.reason": "Reason for the override",
  "placement.reasonHint": "Required for an override. From {min} to {max} characters.",
  "placement.submit": "Add {name} to the edition",
  "placement.previewStale":
    "You changed the address after the preview: show the preview again to see who you are adding.",
  "placement.error.preview-changed":
    "The address is not the one of the preview: nobody was added. Check the new preview below and confirm again.",
  "placement.done.iscritto": "Teacher enrolled with a place.",
  "placement.done.in-attesa": "The edition is full: the teacher is on the waiting list.",
  "placement.done.afterTheFact": "Participation recorded: the teacher has a place in the finished edition.",
  "placement.error.reason": "For an override, write the reason (at least 5 characters).",
  "placement.error.unknown": "No account has this address: nothing was created.",
  "placement.error.already-placed":
    "The teacher already holds a place in this event (enrolled, offered a seat, on the waiting list or applying): one place per event.",
  "placement.error.not-eligible":
    "The teacher does not meet the requirements: tick the override and write the reason to add them.",
  "placement.error.refused": "Teachers cannot be added to this edition.",
  "placement.error.cancelled": "The edition is cancelled: no more teachers are added to it.",
  "placement.cancelled":
    "This edition is cancelled: teachers can no longer be added to it and its waiting list is closed.",
  "placement.error.reason-required": "For an override, write the reason (at least 5 characters).",
  "placement.check.register-closed":
    "{name} ({email}): the edition's register is closed and its certificates issued, so no more participants can be added.",
  "placement.afterTheFact":
    "This edition is over: whoever you add now is recorded as a participant after the fact (for instance someone who came without enrolling), with a seat and never on the waiting list. They get an email without a calendar invitation; attendance and certificate follow the edition's register.",
  "placement.fullAfterTheFact": "This edition is over and full: to record a participation, raise the number of seats.",
  "placement.registerClosed":
    "This edition's register is closed and its certificates issued: no more participants can be added.",
  "placement.error.register-closed":
    "The edition's register is closed and its certificates issued: no more participants can be added.",
  "placement.error.ended-full":
    "The edition is over and has no free seat: its waiting list no longer serves. Raise the number of seats to record the participation.",
  "placement.csv.outcome.register-closed": "not added: the register is closed",
  "placement.csv.outcome.ended-full": "not added: edition over and full",
  "placement.csv.title": "Add from a CSV file",
  "placement.csv.intro":
    'Upload a CSV file (UTF-8) with the teachers\' email addresses, in a column headed "email" or in the first column; at most {rows, plural, one {# row} other {# rows}} and {kb} KB. The preview shows the outcome of each row before you confirm.',
  "placement.csv.file": "CSV file",
  "placement.csv.invalid": 'Line {line}: "{value}" is not an email address.',
  "placement.csv.override":
    "{count, plural, one {Add anyway, as an override, the teacher who does not meet the requirements} other {Add anyway, as an override, the # teachers who do not meet the requirements}}",
  "placement.csv.submit": "{count, plural, one {Add # teacher} other {Add # teachers}}",
  "placement.csv.raiseCap":
    "Raise the places by one for each teacher added, up to {cap}, and give them seats (otherwise they go to the waiting list)",
  "placement.csv.doneTitle": "Outcome",
  "placement.csv.outcome.iscritto": "enrolled with a place",
  "placement.csv.outcome.in-attesa": "on the waiting list",
  "placement.csv.outcome.unknown": "no account has this address",
  "placement.csv.outcome.already-placed": "already in the event",
  "placement.csv.outcome.not-eligible": "not added: does not meet the requirements (needs the override)",
  "placement.csv.outcome.refused": "cannot be added to this edition",
  "placement.csv.outcome.reason-required": "not added: the override needs a reason",
  "placement.csv.error.form": "The form is not valid: upload the file again.",
  "placement.csv.error.emails": "The list of addresses is not valid: upload the file again.",
  "placement.csv.error.empty": "Choose a CSV file with at least one email address.",
  "placement.csv.error.encoding": 'The file is not UTF-8 text: save it as "CSV UTF-8" and try again.',
  "placement.csv.error.malformed": "The CSV file cannot be read: check its quotes and separators.",
  "placement.csv.error.too-large": "The file is too large (at most 64 KB).",
  "placement.csv.error.too-many-rows": "The file has too many rows (at most 200).",
  "placement.waitlist.title": "Waiting list",
  "placement.waitlist.empty": "Nobody is on the waiting list.",
  "placement.waitlist.intro":
    "Freed places go in this order. You can move a person to another position by writing the reason: they receive an email and the move is kept in the change log.",
  "placement.waitlist.generalPool": "General places",
  "placement.waitlist.quotaPool": "Places reserved for {region}",
  "placement.waitlist.person": "{position}. {name} ({email})",
  "placement.waitlist.move": "Move to another position",
  "placement.waitlist.ofPerson": " – {name}",
  "placement.waitlist.position": "New position (1 = first in line)",
  "placement.waitlist.reason": "Reason for the move (sent to the person)",
  "placement.waitlist.submit": "Move",
  "placement.waitlist.moved": "Move recorded: the person is now in position {position}.",
  "placement.waitlist.error.position": "Write a position: a whole number from 1 up.",
  "placement.waitlist.error.not-waiting": "This person is no longer on the waiting list.",
  "placement.waitlist.error.reason-required": "Write the reason for the move (at least 5 characters).",
  "placement.waitlist.error.same-position": "The person is already in that position.",
};

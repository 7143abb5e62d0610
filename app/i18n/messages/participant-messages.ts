// The organiser's messages to an edition's participants (issue 15).
export const it = {
  "participantMessages.link": "Scrivi a chi partecipa",
  "participantMessages.title": "Scrivi a chi partecipa",
  "participantMessages.back": "Torna all'edizione",
  "participantMessages.edition": "{title} — edizione {number}",
  "participantMessages.intro":
    "Scegli a chi scrivere, scrivi oggetto e testo e guarda l'anteprima: il messaggio parte solo dopo la conferma. Ogni persona riceve un'email, una sola volta; in «Messaggi inviati», più in basso, vedi per ogni messaggio quante email sono partite, quante sono in attesa e quante non sono state inviate.",
  "participantMessages.optOutNote":
    "Il messaggio arriva anche a chi ha disattivato i promemoria via email: riguarda un'edizione a cui partecipa.",
  "participantMessages.replyNote":
    "Le risposte arriveranno al tuo indirizzo {email}: il messaggio porta il tuo nome e questo indirizzo, che le persone destinatarie vedono.",
  "participantMessages.audience": "A chi scrivere",
  "participantMessages.audience.iscritti": "Persone iscritte",
  "participantMessages.audience.in-attesa": "In lista d'attesa",
  "participantMessages.audience.offerta": "Con un posto offerto da accettare",
  "participantMessages.audience.presenti": "Persone iscritte presenti a un incontro",
  "participantMessages.audience.assenti": "Persone iscritte assenti a un incontro",
  "participantMessages.audience.completato": "Persone iscritte che hanno completato il percorso (con attestato)",
  "participantMessages.audience.non-completato":
    "Persone iscritte che non hanno completato il percorso (senza attestato)",
  "participantMessages.session": "Incontro",
  "participantMessages.sessionHint":
    "Solo per presenti o assenti a un incontro: gli incontri in diretta già iniziati. Conta il registro dell'incontro: chi non vi ha ancora una riga non è né tra le persone presenti né tra le assenti.",
  "participantMessages.sessionOption": "{date} {title}",
  "participantMessages.subject": "Oggetto",
  "participantMessages.subjectHint": "Da {min} a {max} caratteri.",
  "participantMessages.body": "Testo",
  "participantMessages.bodyHint": "Da {min} a {max} caratteri. Una riga vuota separa i paragrafi.",
  "participantMessages.previewButton": "Mostra l'anteprima",
  "participantMessages.previewTitle": "Anteprima",
  "participantMessages.count":
    "{count, plural, =0 {Nessuna persona corrisponde a questi criteri.} one {# persona.} other {# persone.}}",
  "participantMessages.unrecorded":
    "{count, plural, one {# persona iscritta non ha ancora una riga nel registro di questo incontro: non riceve il messaggio, perché il registro non dice se c'era.} other {# persone iscritte non hanno ancora una riga nel registro di questo incontro: non ricevono il messaggio, perché il registro non dice se c'erano.}}",
  "participantMessages.certificatesNotIssued":
    "Il registro dell'edizione non è ancora chiuso, quindi nessun attestato è stato ancora emesso: ora «senza attestato» sono tutte le persone iscritte, anche chi completerà il percorso, e «con attestato» nessuna.",
  "participantMessages.sampleIntro": "Così riceverà il messaggio {name}:",
  "participantMessages.sampleSubject": "Oggetto dell'email",
  "participantMessages.previewStale":
    "Hai cambiato il messaggio o le persone a cui scrivere dopo l'anteprima: mostra di nuovo l'anteprima per inviarlo.",
  "participantMessages.send": "{count, plural, one {Invia a # persona} other {Invia a # persone}}",
  "participantMessages.sent":
    "{count, plural, one {Messaggio messo in coda per # persona.} other {Messaggio messo in coda per # persone.}}",
  "participantMessages.historyTitle": "Messaggi inviati",
  "participantMessages.historyEmpty": "Nessun messaggio inviato per questa edizione.",
  "participantMessages.col.date": "Data",
  "participantMessages.col.audience": "A chi",
  "participantMessages.col.subject": "Oggetto",
  "participantMessages.col.count": "Email",
  "participantMessages.col.author": "Inviato da",
  "participantMessages.col.delivery": "Consegna",
  "participantMessages.delivery.sent": "{count, plural, one {# partita} other {# partite}}",
  "participantMessages.delivery.waiting": "{count, plural, one {# in attesa di invio} other {# in attesa di invio}}",
  "participantMessages.delivery.notSent": "{count, plural, one {# non inviata} other {# non inviate}}",
  "participantMessages.delivery.gone":
    "{count, plural, one {# non più nel registro delle email} other {# non più nel registro delle email}}",
  "participantMessages.error.subjectShort": "L'oggetto deve avere almeno 3 caratteri.",
  "participantMessages.error.subjectLong": "L'oggetto può avere al massimo 150 caratteri.",
  "participantMessages.error.bodyShort": "Il testo deve avere almeno 10 caratteri.",
  "participantMessages.error.bodyLong": "Il testo può avere al massimo 5000 caratteri.",
  "participantMessages.error.session": "Scegli l'incontro.",
  "participantMessages.error.unknownSession": "L'incontro scelto non è di questa edizione.",
  "participantMessages.error.sessionNotStarted":
    "L'incontro scelto non è ancora iniziato: presenti e assenti si sapranno dal suo registro.",
  "participantMessages.error.sendKey": "Mostra di nuovo l'anteprima prima di inviare.",
  "participantMessages.error.notPreviewed":
    "Il messaggio o le persone a cui scrivere non sono quelli dell'anteprima: nulla è stato inviato. Mostra di nuovo l'anteprima, poi invia.",
  "participantMessages.error.recipientsChanged":
    "Dopo l'anteprima sono cambiate le persone a cui scrivere (per nuove iscrizioni, rinunce o cambi di stato): nulla è stato inviato. Controlla la nuova anteprima qui sotto e conferma di nuovo l'invio.",
  "participantMessages.error.noRecipients": "Nessuna persona corrisponde a questi criteri: nulla è stato inviato.",
  "participantMessages.auto.title": "Messaggi automatici",
  "participantMessages.auto.intro":
    "Forma li invia da sé alle persone iscritte: prima di ogni incontro sincrono (con il link della stanza per gli incontri online) e dopo l'ultimo incontro (ad esempio materiali e questionario). Ogni persona riceve ciascun messaggio una volta sola.",
  "participantMessages.auto.replyNote":
    "Le risposte a un messaggio automatico arrivano a chi lo ha salvato per ultimo, con il suo nome e indirizzo: se lo salvi tu, al tuo indirizzo {email}.",
  "participantMessages.auto.rule.prima-di-ogni-incontro": "Prima di ogni incontro",
  "participantMessages.auto.rule.dopo-ultimo-incontro": "Dopo l'ultimo incontro",
  "participantMessages.auto.amount.prima-di-ogni-incontro": "Ore prima dell'inizio",
  "participantMessages.auto.amount.dopo-ultimo-incontro": "Giorni dopo la fine",
  "participantMessages.auto.amountHint": "Un numero intero da {min} a {max}.",
  "participantMessages.auto.active.prima-di-ogni-incontro":
    "Attivo: {amount, plural, one {# ora} other {# ore}} prima di ogni incontro.",
  "participantMessages.auto.active.dopo-ultimo-incontro":
    "Attivo: {amount, plural, =0 {il giorno in cui finisce l'ultimo incontro} one {# giorno dopo l'ultimo incontro} other {# giorni dopo l'ultimo incontro}}.",
  "participantMessages.auto.inactive": "Non attivo.",
  "participantMessages.auto.save": "Salva il messaggio automatico",
  "participantMessages.auto.delete": "Disattiva",
  "participantMessages.auto.saved": "Messaggio automatico salvato.",
  "participantMessages.auto.deleted": "Messaggio automatico disattivato.",
} as const;

export const en: Record<keyof typeof it, string> = {
  "participantMessages.link": "Write to the participants",
  "participantMessages.title": "Write to the participants",
  "participantMessages.back": "Back to the edition",
  "participantMessages.edition": "{title} — edition {number}",
  "participantMessages.intro":
    "Choose the recipients, write a subject and text and look at the preview: the message leaves only once you confirm. Each recipient gets one email, once; in “Messages sent”, further down, you see for each message how many emails have left, how many are waiting and how many were not sent.",
  "participantMessages.optOutNote":
    "The message also reaches those who turned email reminders off: it concerns an edition they take part in.",
  "participantMessages.replyNote":
    "Replies will reach your address {email}: the message carries your name and this address, which the participants see.",
  "participantMessages.audience": "Recipients",
  "participantMessages.audience.iscritti": "Enrolled",
  "participantMessages.audience.in-attesa": "On the waitlist",
  "participantMessages.audience.offerta": "Offered a seat, to accept",
  "participantMessages.audience.presenti": "Enrolled and present at a session",
  "participantMessages.audience.assenti": "Enrolled and absent from a session",
  "participantMessages.audience.completato": "Enrolled who completed the course (with a certificate)",
  "participantMessages.audience.non-completato": "Enrolled who did not complete the course (no certificate)",
  "participantMessages.session": "Session",
  "participantMessages.sessionHint":
    "Only for present at or absent from a session: the live sessions already begun. The session's register counts: someone without a line in it yet is neither present nor absent.",
  "participantMessages.sessionOption": "{date} {title}",
  "participantMessages.subject": "Subject",
  "participantMessages.subjectHint": "From {min} to {max} characters.",
  "participantMessages.body": "Text",
  "participantMessages.bodyHint": "From {min} to {max} characters. A blank line separates paragraphs.",
  "participantMessages.previewButton": "Show the preview",
  "participantMessages.previewTitle": "Preview",
  "participantMessages.count":
    "{count, plural, =0 {No recipient matches these criteria.} one {# recipient.} other {# recipients.}}",
  "participantMessages.unrecorded":
    "{count, plural, one {# enrolled person has no line in this session's register yet: they do not receive the message, as the register does not say whether they were there.} other {# enrolled people have no line in this session's register yet: they do not receive the message, as the register does not say whether they were there.}}",
  "participantMessages.certificatesNotIssued":
    "The edition's register is not closed yet, so no certificate has been issued: for now everyone enrolled is “without a certificate”, including those who will complete the course, and nobody is “with a certificate”.",
  "participantMessages.sampleIntro": "This is how {name} will receive the message:",
  "participantMessages.sampleSubject": "Email subject",
  "participantMessages.previewStale":
    "You changed the message or its recipients after the preview: show the preview again to send it.",
  "participantMessages.send": "{count, plural, one {Send to # recipient} other {Send to # recipients}}",
  "participantMessages.sent":
    "{count, plural, one {Message queued for # recipient.} other {Message queued for # recipients.}}",
  "participantMessages.historyTitle": "Messages sent",
  "participantMessages.historyEmpty": "No message sent for this edition.",
  "participantMessages.col.date": "Date",
  "participantMessages.col.audience": "Recipients",
  "participantMessages.col.subject": "Subject",
  "participantMessages.col.count": "Emails",
  "participantMessages.col.author": "Sent by",
  "participantMessages.col.delivery": "Delivery",
  "participantMessages.delivery.sent": "{count, plural, one {# sent} other {# sent}}",
  "participantMessages.delivery.waiting": "{count, plural, one {# waiting to be sent} other {# waiting to be sent}}",
  "participantMessages.delivery.notSent": "{count, plural, one {# not sent} other {# not sent}}",
  "participantMessages.delivery.gone":
    "{count, plural, one {# no longer in the email log} other {# no longer in the email log}}",
  "participantMessages.error.subjectShort": "The subject needs at least 3 characters.",
  "participantMessages.error.subjectLong": "The subject can be at most 150 characters long.",
  "participantMessages.error.bodyShort": "The text needs at least 10 characters.",
  "participantMessages.error.bodyLong": "The text can be at most 5000 characters long.",
  "participantMessages.error.session": "Choose the session.",
  "participantMessages.error.unknownSession": "The session chosen is not one of this edition's.",
  "participantMessages.error.sessionNotStarted":
    "The session chosen has not begun yet: who is present or absent will be known from its register.",
  "participantMessages.error.sendKey": "Show the preview again before sending.",
  "participantMessages.error.notPreviewed":
    "The message or its recipients are not those of the preview: nothing was sent. Show the preview again, then send.",
  "participantMessages.error.recipientsChanged":
    "The recipients changed after the preview (new enrolments, withdrawals or changes of status): nothing was sent. Check the new preview below and confirm the sending again.",
  "participantMessages.error.noRecipients": "No recipient matches these criteria: nothing was sent.",
  "participantMessages.auto.title": "Automatic messages",
  "participantMessages.auto.intro":
    "Forma sends them to the enrolled by itself: before each synchronous session (with the room link for online sessions) and after the last session (for example materials and the questionnaire). Everyone receives each message once.",
  "participantMessages.auto.replyNote":
    "Replies to an automatic message reach whoever saved it last, shown with their name and address: if you save it, your address {email}.",
  "participantMessages.auto.rule.prima-di-ogni-incontro": "Before each session",
  "participantMessages.auto.rule.dopo-ultimo-incontro": "After the last session",
  "participantMessages.auto.amount.prima-di-ogni-incontro": "Hours before the start",
  "participantMessages.auto.amount.dopo-ultimo-incontro": "Days after the end",
  "participantMessages.auto.amountHint": "A whole number from {min} to {max}.",
  "participantMessages.auto.active.prima-di-ogni-incontro":
    "Active: {amount, plural, one {# hour} other {# hours}} before each session.",
  "participantMessages.auto.active.dopo-ultimo-incontro":
    "Active: {amount, plural, =0 {on the day the last session ends} one {# day after the last session} other {# days after the last session}}.",
  "participantMessages.auto.inactive": "Not active.",
  "participantMessages.auto.save": "Save the automatic message",
  "participantMessages.auto.delete": "Turn off",
  "participantMessages.auto.saved": "Automatic message saved.",
  "participantMessages.auto.deleted": "Automatic message turned off.",
};

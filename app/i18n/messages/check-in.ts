// QR self check-in and trainers' assignment to events.
export const it = {
  "checkIn.trainer.title": "Presenze con il QR",
  "checkIn.trainer.intro":
    "Mostra questo codice a chi partecipa: lo inquadra con il telefono, accede a Forma e conferma la presenza. Il codice cambia ogni minuto e vale solo per questo incontro.",
  "checkIn.trainer.qrLabel": "Codice QR per registrare la presenza a questo incontro",
  "checkIn.trainer.url": "Indirizzo da aprire senza QR",
  "checkIn.trainer.expiresAt":
    "Codice valido fino alle {time}. La pagina si aggiorna da sola ogni {seconds, plural, one {secondo} other {# secondi}}.",
  "checkIn.trainer.closesAt": "La registrazione con il QR chiude alle {time}, alla fine dell'incontro.",
  "checkIn.trainer.count":
    "Presenze registrate con il QR: {count} su {enrolled, plural, one {# persona iscritta} other {# persone iscritte}}.",
  "checkIn.trainer.refresh": "Aggiorna ora",
  "checkIn.trainer.before":
    "La registrazione con il QR non è ancora aperta: apre alle {time} del {date}, {minutes, plural, one {# minuto} other {# minuti}} prima dell'inizio. Il codice comparirà su questa pagina.",
  "checkIn.trainer.after":
    "La registrazione con il QR è chiusa: l'incontro è terminato alle {time} del {date}. Le presenze si correggono dal registro.",
  "checkIn.trainer.notAvailable":
    "La registrazione con il QR è prevista solo per gli incontri sincroni che si svolgono in presenza. Usa il registro presenze.",

  "checkIn.title": "Conferma la tua presenza",
  "checkIn.confirmIntro": "Conferma la tua presenza a {event}, {session}.",
  "checkIn.sessionOf": "incontro del {date}",
  "checkIn.when": "Quando",
  "checkIn.where": "Dove",
  "checkIn.confirm": "Confermo la mia presenza",
  "checkIn.done": "Presenza registrata. Grazie, buon lavoro!",
  "checkIn.doneLate":
    "Presenza registrata come entrata in ritardo: l'incontro era già iniziato, quindi valgono {minutes, plural, one {# minuto} other {# minuti}} di presenza, fino alla fine. Per una correzione rivolgiti a chi tiene l'incontro.",
  "checkIn.myEnrolments": "Vai alle mie iscrizioni",
  "checkIn.refused.scaduto":
    "Il codice è scaduto: inquadra di nuovo il QR mostrato da chi tiene l'incontro (cambia ogni minuto).",
  "checkIn.refused.non-valido":
    "Questo codice non è valido per questo incontro: è di un altro incontro oppure è stato modificato. Inquadra il QR mostrato da chi tiene l'incontro.",
  "checkIn.refused.fuori-orario":
    "La presenza si registra con il QR solo da {minutes, plural, one {# minuto} other {# minuti}} prima dell'inizio fino alla fine dell'incontro.",
  "checkIn.refused.non-iscritto":
    "Non risulta una tua iscrizione a questa edizione: la presenza non può essere registrata. Rivolgiti a chi tiene l'incontro.",
  "checkIn.refused.gia-registrata":
    "La tua presenza a questo incontro è già registrata: non serve altro. Per una correzione rivolgiti a chi tiene l'incontro.",
  "checkIn.refused.segnata-assente":
    "Nel registro di questo incontro risulti assente. Se sei presente, dillo ora a chi tiene l'incontro: il QR non cambia ciò che è già nel registro.",
  "checkIn.refused.segnata-giustificata":
    "Nel registro di questo incontro la tua assenza risulta giustificata. Se sei presente, dillo ora a chi tiene l'incontro: il QR non cambia ciò che è già nel registro.",
  "checkIn.refused.non-previsto": "Per questo incontro non è prevista la registrazione della presenza con il QR.",
  "checkIn.refused.non-trovato": "Incontro non trovato.",
  "checkIn.refused.rate-limited": "Troppi tentativi in poco tempo: riprova tra qualche minuto.",
  "checkIn.pass.link": "Il mio QR di presenza",
  "checkIn.pass.title": "Il tuo QR di presenza",
  "checkIn.pass.intro":
    "Mostra questo codice all'ingresso a chi tiene l'incontro: inquadrandolo registra la tua presenza all'incontro in corso. Vale solo per {event}, edizione {number}.",
  "checkIn.pass.qrLabel": "QR personale di presenza di {name}",
  "checkIn.pass.code": "Codice da digitare se il QR non si legge",
  "checkIn.projection.title": "QR per le presenze",
  "checkIn.projection.fallback": "Senza QR, apri:",
  "checkIn.projection.back": "Torna al registro",
} as const;

export const en: Record<keyof typeof it, string> = {
  "checkIn.trainer.title": "Check-in with QR code",
  "checkIn.trainer.intro":
    "Show this code to the participants: they scan it with their phone, sign in to Forma and confirm their attendance. The code changes every minute and only works for this session.",
  "checkIn.trainer.qrLabel": "QR code to check in to this session",
  "checkIn.trainer.url": "Address to open without the QR code",
  "checkIn.trainer.expiresAt":
    "Code valid until {time}. The page refreshes itself every {seconds, plural, one {second} other {# seconds}}.",
  "checkIn.trainer.closesAt": "QR check-in closes at {time}, when the session ends.",
  "checkIn.trainer.count": "Checked in with the QR code: {count} of {enrolled} enrolled.",
  "checkIn.trainer.refresh": "Refresh now",
  "checkIn.trainer.before":
    "QR check-in is not open yet: it opens at {time} on {date}, {minutes, plural, one {# minute} other {# minutes}} before the start. The code will appear on this page.",
  "checkIn.trainer.after":
    "QR check-in is closed: the session ended at {time} on {date}. Correct attendance in the register.",
  "checkIn.trainer.notAvailable": "QR check-in is only for live sessions held in person. Use the attendance register.",

  "checkIn.title": "Confirm your attendance",
  "checkIn.confirmIntro": "Confirm your attendance at {event}, {session}.",
  "checkIn.sessionOf": "session of {date}",
  "checkIn.when": "When",
  "checkIn.where": "Where",
  "checkIn.confirm": "I confirm my attendance",
  "checkIn.done": "Attendance recorded. Thank you!",
  "checkIn.doneLate":
    "Attendance recorded as a late entry: the session had already started, so {minutes, plural, one {# minute} other {# minutes}} of attendance count, until the end. Ask the trainer for corrections.",
  "checkIn.myEnrolments": "Go to my enrolments",
  "checkIn.refused.scaduto": "The code has expired: scan the trainer's QR code again (it changes every minute).",
  "checkIn.refused.non-valido":
    "This code is not valid for this session: it belongs to another session or has been altered. Scan the trainer's QR code.",
  "checkIn.refused.fuori-orario":
    "QR check-in is only possible from {minutes, plural, one {# minute} other {# minutes}} before the start until the end of the session.",
  "checkIn.refused.non-iscritto":
    "You are not enrolled in this edition, so your attendance cannot be recorded. Ask the trainer.",
  "checkIn.refused.gia-registrata":
    "Your attendance at this session is already recorded: nothing else to do. Ask the trainer for corrections.",
  "checkIn.refused.segnata-assente":
    "The register of this session records you as absent. If you are here, tell the trainer now: the QR code does not change what is already in the register.",
  "checkIn.refused.segnata-giustificata":
    "The register of this session records you as absent with a justification. If you are here, tell the trainer now: the QR code does not change what is already in the register.",
  "checkIn.refused.non-previsto": "This session has no QR check-in.",
  "checkIn.refused.non-trovato": "Session not found.",
  "checkIn.refused.rate-limited": "Too many attempts in a short time: try again in a few minutes.",
  "checkIn.pass.link": "My attendance QR code",
  "checkIn.pass.title": "Your attendance QR code",
  "checkIn.pass.intro":
    "Show this code to the trainer at the door: scanning it records your attendance at the session in progress. It is valid only for {event}, edition {number}.",
  "checkIn.pass.qrLabel": "Personal attendance QR code of {name}",
  "checkIn.pass.code": "Code to type if the QR code cannot be read",
  "checkIn.projection.title": "Attendance QR code",
  "checkIn.projection.fallback": "Without the QR code, open:",
  "checkIn.projection.back": "Back to the register",
};

// Certificates (attestati), their public verification, the satisfaction questionnaire.
export const it = {
  "certificates.breadcrumb": "Percorso",
  "certificates.completed": "Percorso completato",
  "certificates.notCompleted": "Percorso non completato",
  "certificates.hoursOf": "{done} su {total}",
  "certificates.issuedOn": "emesso il {date}",
  "certificates.download": "Scarica l'attestato",
  "certificates.downloadEnglish": "PDF in inglese",
  "certificates.englishNote":
    "La versione in inglese è per chi legge all'estero (mobilità Erasmus+, Europass): stesso codice e stessa verifica; il documento ufficiale resta l'attestato in italiano.",
  "certificates.backToEnrolments": "Torna a Le mie iscrizioni",

  "certificates.close.title": "Chiusura dell'edizione e attestati",
  "certificates.close.open": "I registri dell'edizione sono aperti.",
  "certificates.close.closedAt": "Edizione chiusa il {date}.",
  "certificates.close.rule":
    "Completa l'edizione chi ha almeno {percent} delle ore totali certificate e tutte le attività obbligatorie.",
  "certificates.close.counts": "Hanno completato: {completed}. Non hanno completato: {notCompleted}.",
  "certificates.close.unprintableNames":
    "{count, plural, one {# partecipante ha} other {# partecipanti hanno}} nel nome caratteri che l'attestato non può stampare (segnalati in tabella): chiedi di correggerlo nel profilo prima di emettere l'attestato.",
  "certificates.close.unprintableName": "Caratteri che l'attestato non può stampare: {characters}",
  "certificates.close.unprintableEvent":
    "Il titolo o la sede dell'evento contengono caratteri che l'attestato non può stampare ({characters}): l'attestato omette i simboli (emoji, frecce, segni di spunta…), riporta come «�» ogni altro carattere e resta così anche se l'evento viene corretto dopo. Chiedi a chi organizza l'evento di correggerli prima di emettere gli attestati.",
  "certificates.close.confirm":
    "{count, plural, =0 {Chiudendo l'edizione non verrà emesso alcun attestato e non partirà alcuna email.} one {Chiudendo l'edizione verrà emesso # attestato: chi lo riceve avrà un'email.} other {Chiudendo l'edizione verranno emessi # attestati: ogni persona che ne riceve uno avrà un'email.}} Potrai comunque correggere i registri e ripetere l'operazione: chi completa in seguito riceverà l'attestato, senza duplicati.",
  "certificates.close.confirmAgain":
    "L'edizione è già chiusa. Ripetendo l'operazione si emettono gli attestati solo a chi ha completato dopo la chiusura (ad esempio dopo una correzione del registro): nessun duplicato.",
  "certificates.close.submit": "Chiudi l'edizione ed emetti gli attestati",
  "certificates.close.again": "Emetti gli attestati mancanti",
  "certificates.close.issued":
    "{count, plural, =0 {Nessun attestato emesso.} one {# attestato emesso.} other {# attestati emessi.}}",
  "certificates.close.alreadyValid":
    "{count, plural, one {# partecipante aveva} other {# partecipanti avevano}} già un attestato valido.",
  "certificates.close.notEnded": "L'edizione termina {date} alle {time}: potrai chiuderla da quel momento.",
  "certificates.close.caption": "Partecipanti e ore certificate",
  "certificates.close.registerGaps":
    "{count, plural, one {Un registro non è completo} other {# registri non sono completi}}: chi non ha una riga in un registro non ha ore per quell'incontro, e gli attestati contano solo le ore registrate. Completali prima di chiudere, segnando anche chi era assente.",
  "certificates.close.registerGapsClosed":
    "{count, plural, one {Un registro non è completo} other {# registri non sono completi}}: chi non ha una riga in un registro non ha ore per quell'incontro, e gli attestati già emessi contano solo le ore registrate. Completali, segnando anche chi era assente, poi emetti gli attestati mancanti.",
  "certificates.close.registerGapSession": "Incontro {number} ({date})",
  "certificates.close.registerEmpty": "registro vuoto",
  "certificates.close.registerMissing": "{count, plural, one {# riga mancante} other {# righe mancanti}}",

  "certificates.col.participant": "Partecipante",
  "certificates.col.hours": "Ore certificate",
  "certificates.col.outcome": "Esito",
  "certificates.col.code": "Codice di verifica",
  "certificates.col.state": "Stato",
  "certificates.col.actions": "Azioni",
  "certificates.reason.hours": "ore certificate sotto il minimo di {required}",
  "certificates.reason.activity": "attività obbligatoria non completata: {title}",

  "certificates.list.title": "Attestati emessi",
  "certificates.list.link": "Vedi gli attestati emessi",
  "certificates.list.none": "Nessun attestato emesso per questa edizione.",
  "certificates.list.counts": "Attestati validi: {valid} (in tutto {total}, compresi i revocati).",
  "certificates.list.revoked": "Attestato revocato.",
  "certificates.list.reissued": "Attestato riemesso: il precedente è stato revocato e collegato al nuovo.",
  "certificates.list.disagreeing":
    "{count, plural, one {# attestato valido non corrisponde più al registro, corretto dopo l'emissione: è segnato in tabella.} other {# attestati validi non corrispondono più al registro, corretto dopo l'emissione: sono segnati in tabella.}} Le correzioni al registro non cambiano gli attestati già emessi.",
  "certificates.list.disagreesHours": "Il registro ora dà {register}: da riemettere.",
  "certificates.list.disagreesAccountClosed": "Il registro ora dà {register}.",
  "certificates.list.accountClosedValid": "Account chiuso: l'attestato resta valido ma non si può riemettere.",
  "certificates.list.accountClosedRevoked": "Account chiuso: l'attestato non si può riemettere.",
  "certificates.state.valido": "Valido",
  "certificates.state.revocato": "Revocato",
  "certificates.revoke.reason": "Motivo della revoca (comunicato alla persona)",
  "certificates.revoke.reasonAccountClosed": "Motivo della revoca (non comunicato: account chiuso)",
  "certificates.revoke.submit": "Revoca",
  "certificates.reissue.submit": "Riemetti",
  "certificates.reissue.confirmTitle": "Riemettere l'attestato di {name}?",
  "certificates.reissue.confirmText":
    "L'attestato {code} certifica {certified}; il registro ora dà {register}. Riemettendolo, il codice {code} non sarà più valido (chi lo verifica sarà rimandato al nuovo attestato) e ne verrà emesso uno nuovo, con un nuovo codice e {register}. {name} riceverà un'email. Non si può annullare.",
  "certificates.reissue.confirmTextRevoked":
    "L'attestato {code}, già revocato, certificava {certified}; il registro ora dà {register}. Verrà emesso un nuovo attestato, con un nuovo codice e {register}, e chi verifica il vecchio codice sarà rimandato al nuovo. {name} riceverà un'email. Non si può annullare.",
  "certificates.reissue.confirmSameHours":
    "Le ore non cambiano: riemetti solo se va corretto altro, come il nome (il nuovo attestato riporta i dati di oggi).",
  "certificates.reissue.confirmYes": "Sì, riemetti l'attestato",
  "certificates.reissue.confirmKeep": "No, torna agli attestati",
  "certificates.reissue.confirmRequired": "Attestato non riemesso: conferma la riemissione dal riquadro che la chiede.",
  "certificates.ofHolder": " – attestato di {name}",
  "certificates.revoke.help":
    "Revoca: l'attestato non è più valido. La pagina di verifica pubblica lo mostra come revocato, con la data ma senza il motivo: il motivo che scrivi lo legge chi ha l'attestato, in Le mie iscrizioni e nell'email che riceve, e l'organizzazione.",
  "certificates.revoke.helpSomeAccountsClosed":
    "{count, plural, one {Per l'attestato di un account chiuso, però, nessuno può più accedere all'account e non parte alcuna email: il motivo resta con l'attestato revocato, in questa pagina, e lo legge solo l'organizzazione.} other {Per i # attestati di account chiusi, però, nessuno può più accedere a quegli account e non parte alcuna email: il motivo resta con l'attestato revocato, in questa pagina, e lo legge solo l'organizzazione.}}",
  "certificates.revoke.helpAccountClosed":
    "Revoca: l'attestato non è più valido. La pagina di verifica pubblica lo mostra come revocato, con la data ma senza il motivo. {count, plural, one {L'account di chi ha l'attestato è chiuso: nessuno può più accedervi e non parte alcuna email, quindi il motivo che scrivi resta con l'attestato revocato, in questa pagina, e lo legge solo l'organizzazione.} other {Gli account di chi ha gli attestati sono chiusi: nessuno può più accedervi e non parte alcuna email, quindi il motivo che scrivi resta con l'attestato revocato, in questa pagina, e lo legge solo l'organizzazione.}}",
  "certificates.reissue.help":
    "Riemetti: revoca l'attestato e ne emette uno nuovo, con un nuovo codice e le ore attuali dei registri (ad esempio dopo una correzione); la verifica del vecchio codice rimanda al nuovo. La persona interessata riceve un'email.",

  "certificates.error.invalid": "Richiesta non valida.",
  "certificates.error.notFound": "Attestato non trovato in questa edizione.",
  "certificates.error.reasonRequired": "Indica il motivo della revoca.",
  "certificates.error.alreadyRevoked": "L'attestato era già stato revocato.",
  "certificates.error.not-found": "Attestato non trovato.",
  "certificates.error.not-completed":
    "Con i registri attuali questa persona non ha completato l'edizione: nessun nuovo attestato.",
  "certificates.error.already-valid": "Questa persona ha già un altro attestato valido per questa edizione.",
  "certificates.error.account-closed":
    "L'account di questa persona è chiuso: l'attestato già emesso resta valido con il suo nome, e non si può sostituire.",
  "certificates.close.accountClosed": "Account chiuso: nessun nuovo attestato",
  "certificates.close.disagreeing":
    "{count, plural, one {# attestato valido non corrisponde più al registro, corretto dopo l'emissione: riemettilo o revocalo} other {# attestati validi non corrispondono più al registro, corretto dopo l'emissione: riemettili o revocali}} dalla pagina degli attestati. Le correzioni al registro non cambiano gli attestati già emessi.",
  "certificates.close.disagreeingNotCompleted":
    "{count, plural, one {# attestato valido non corrisponde più al registro, corretto dopo l'emissione, e con il registro di ora il percorso non è completato: revocalo} other {# attestati validi non corrispondono più al registro, corretto dopo l'emissione, e con il registro di ora i percorsi non sono completati: revocali}} dalla pagina degli attestati. Le correzioni al registro non cambiano gli attestati già emessi.",
  "certificates.close.disagreeingAccountClosed":
    "{count, plural, one {# attestato valido non corrisponde più al registro, corretto dopo l'emissione, ma l'account del titolare è chiuso: l'attestato resta valido e non si può riemettere, solo revocare} other {# attestati validi non corrispondono più al registro, corretto dopo l'emissione, ma gli account dei titolari sono chiusi: gli attestati restano validi e non si possono riemettere, solo revocare}} dalla pagina degli attestati. Le correzioni al registro non cambiano gli attestati già emessi.",
  "certificates.close.disagreeingMixed":
    "{count, plural, one {# attestato valido non corrisponde più al registro, corretto dopo l'emissione} other {# attestati validi non corrispondono più al registro, corretto dopo l'emissione}}: {parts}. Le correzioni al registro non cambiano gli attestati già emessi.",
  "certificates.close.disagreeingPart.reissuable":
    "{count, plural, one {# da riemettere o revocare} other {# da riemettere o revocare}}",
  "certificates.close.disagreeingPart.notCompleted":
    "{count, plural, one {# da revocare, perché con il registro di ora il percorso non è completato} other {# da revocare, perché con il registro di ora i percorsi non sono completati}}",
  "certificates.close.disagreeingPart.accountClosed":
    "{count, plural, one {# di un account chiuso, che resta valido e non si può riemettere, solo revocare} other {# di account chiusi, che restano validi e non si possono riemettere, solo revocare}}",
  "certificates.close.disagreesHours": "L'attestato certifica {certified}, il registro ora {register}: da riemettere.",
  "certificates.close.disagreesAccountClosed": "L'attestato certifica {certified}, il registro ora {register}.",
  "certificates.close.disagreesOutcome":
    "L'attestato certifica {certified}, ma con il registro di ora il percorso non è completato: da revocare.",
  "certificates.error.not-ended":
    "L'edizione non è ancora terminata: potrai chiuderla alla fine del suo ultimo giorno.",
  "certificates.error.edition-cancelled":
    "L'edizione è stata annullata: non si può chiudere né emettere attestati, e i suoi registri restano aperti.",

  "certificates.verify.title": "Verifica di un attestato",
  "certificates.verify.intro":
    "Inserisci il codice di verifica stampato sull'attestato (ad esempio FRM-ABCD-EFGH-JKMN) per controllarne la validità.",
  "certificates.verify.code": "Codice di verifica",
  "certificates.verify.hint": "Maiuscole e minuscole sono indifferenti; i trattini si possono omettere.",
  "certificates.verify.badFormat": "Il codice non ha il formato corretto: FRM seguito da 12 lettere o cifre.",
  "certificates.verify.submit": "Verifica",
  "certificates.verify.another": "Verifica un altro codice",
  "certificates.verify.valid": "Attestato valido",
  "certificates.verify.revoked": "Attestato revocato {date}",
  "certificates.verify.revokedAsk": "Per sapere perché, rivolgiti all'ente organizzatore: {organiser}.",
  "certificates.verify.replacedBy": "È stato sostituito dall'attestato",
  "certificates.verify.unknown": "Codice non trovato",
  "certificates.verify.unknownText":
    "Nessun attestato corrisponde al codice «{code}». Controlla di averlo trascritto correttamente.",
  "certificates.verify.tooMany": "Troppe verifiche in poco tempo da questa rete: riprova tra un minuto.",
  "certificates.verify.holder": "Intestatario",
  "certificates.verify.event": "Iniziativa",
  "certificates.verify.dates": "Date",
  "certificates.verify.organiser": "Ente organizzatore",
  "certificates.verify.issued": "Data di rilascio",
  "certificates.verify.englishRendering":
    "Il titolare può scaricare anche una versione in inglese di questo attestato, con lo stesso codice e questa stessa pagina di verifica; il documento ufficiale è l'attestato in italiano.",

  "certificates.questionnaire.title": "Questionario di gradimento",
  "certificates.questionnaire.intro":
    "Prima di scaricare l'attestato ti chiediamo di rispondere a un breve questionario. Le risposte sono anonime: sono conservate senza alcun collegamento al tuo nome.",
  "certificates.questionnaire.required": "(obbligatoria)",
  "certificates.questionnaire.comment": "Commenti e suggerimenti (facoltativo)",
  "certificates.questionnaire.commentHint": "Al massimo 2000 caratteri. Non inserire dati personali.",
  "certificates.questionnaire.submit": "Invia le risposte",
  "certificates.questionnaire.errors": "Rispondi a tutte le domande contrassegnate con l'asterisco.",
  "certificates.questionnaire.thanks": "Grazie, le tue risposte sono state registrate. Ora puoi scaricare l'attestato.",
  "certificates.questionnaire.already":
    "Hai già risposto al questionario di questa edizione: puoi scaricare l'attestato.",
  "questionnaire.validation.score": "Scegli un valore da 1 a 5.",

  "certificates.summary.link": "Questionario di gradimento: risultati",
  "certificates.summary.back": "← Torna all'edizione",
  "certificates.summary.title": "Questionario di gradimento: risultati",
  "certificates.summary.responses": "Risposte ricevute: {count}.",
  "certificates.summary.anonymous": "Le risposte sono anonime: non è possibile risalire a chi le ha date.",
  "certificates.summary.caption": "Media e distribuzione delle risposte (1 = per niente, 5 = moltissimo)",
  "certificates.summary.question": "Domanda",
  "certificates.summary.average": "Media",
  "certificates.summary.comments": "Commenti ({count})",
  "certificates.summary.noComments": "Nessun commento.",
  "certificates.summary.withheld":
    "Le medie, la distribuzione e i commenti compaiono da {minimum} risposte in su: con meno si leggerebbero le risposte di singole persone.",

  "certificates.progress.title": "Ore certificate",
  "certificates.progress.fromCertificate": "{hours}, come indicato nell'attestato",
  "certificates.progress.recordedTitle": "Ore registrate finora",
  "certificates.progress.value": "{done} su {total} (minimo richiesto: {required})",
  "certificates.progress.missing": "Attività obbligatorie da completare: {titles}",
  "certificates.progress.completed": "Percorso completato",
  "certificates.revokedBadge": "Attestato revocato",
  "certificates.revokedOn": "Il tuo attestato {code} è stato revocato il {date} e non è più valido.",
  "certificates.revokedReason": "Motivo: {reason}",
  "certificates.revokedNoReason": "Non è stato indicato un motivo.",
  "certificates.progress.code": "Codice di verifica: {code}",
  "certificates.progress.questionnaireFirst":
    "Prima del download ti verrà chiesto un breve questionario di gradimento anonimo.",
} as const;

export const en: Record<keyof typeof it, string> = {
  "certificates.breadcrumb": "Breadcrumb",
  "certificates.completed": "Completed",
  "certificates.notCompleted": "Not completed",
  "certificates.hoursOf": "{done} of {total}",
  "certificates.issuedOn": "issued on {date}",
  "certificates.download": "Download the certificate",
  "certificates.downloadEnglish": "English PDF",
  "certificates.englishNote":
    "The English version is for readers abroad (Erasmus+ mobility, Europass): same code, same verification; the Italian certificate remains the official document.",
  "certificates.backToEnrolments": "Back to My enrolments",

  "certificates.close.title": "Closing the edition and certificates",
  "certificates.close.open": "The edition's registers are open.",
  "certificates.close.closedAt": "Edition closed on {date}.",
  "certificates.close.rule":
    "A participant completes the edition with at least {percent} of the total hours certified and every required activity done.",
  "certificates.close.counts": "Completed: {completed}. Not completed: {notCompleted}.",
  "certificates.close.unprintableNames":
    "{count, plural, one {# participant has} other {# participants have}} characters in their name that the certificate cannot print (marked in the table): ask them to correct it in their profile before the certificate is issued.",
  "certificates.close.unprintableName": "Characters the certificate cannot print: {characters}",
  "certificates.close.unprintableEvent":
    "The event's title or venue contains characters the certificate cannot print ({characters}): the certificate leaves symbols out (emoji, arrows, check marks…), shows any other character as «�», and stays so even if the event is corrected later. Ask the event's organiser to correct them before the certificates are issued.",
  "certificates.close.confirm":
    "{count, plural, =0 {Closing the edition issues no certificate and sends no email.} one {Closing the edition issues # certificate, and its holder gets an email.} other {Closing the edition issues # certificates, and each holder gets an email.}} You can still correct the registers and run it again: those who complete later get their certificate, with no duplicates.",
  "certificates.close.confirmAgain":
    "The edition is already closed. Running it again only issues certificates to those who completed after closing (for example after a register correction): no duplicates.",
  "certificates.close.submit": "Close the edition and issue the certificates",
  "certificates.close.again": "Issue the missing certificates",
  "certificates.close.issued":
    "{count, plural, =0 {No certificates issued.} one {# certificate issued.} other {# certificates issued.}}",
  "certificates.close.alreadyValid":
    "{count, plural, one {# participant} other {# participants}} already held a valid certificate.",
  "certificates.close.notEnded": "The edition ends {date} at {time}: you can close it from then on.",
  "certificates.close.caption": "Participants and certified hours",
  "certificates.close.registerGaps":
    "{count, plural, one {One register is not complete} other {# registers are not complete}}: a person without a line in a register has no hours for that session, and certificates count only the recorded hours. Complete them before closing, marking those who were absent too.",
  "certificates.close.registerGapsClosed":
    "{count, plural, one {One register is not complete} other {# registers are not complete}}: a person without a line in a register has no hours for that session, and the certificates already issued count only the recorded hours. Complete them, marking those who were absent too, then issue the missing certificates.",
  "certificates.close.registerGapSession": "Session {number} ({date})",
  "certificates.close.registerEmpty": "register empty",
  "certificates.close.registerMissing": "{count, plural, one {# line missing} other {# lines missing}}",

  "certificates.col.participant": "Participant",
  "certificates.col.hours": "Certified hours",
  "certificates.col.outcome": "Outcome",
  "certificates.col.code": "Verification code",
  "certificates.col.state": "State",
  "certificates.col.actions": "Actions",
  "certificates.reason.hours": "certified hours below the minimum of {required}",
  "certificates.reason.activity": "required activity not completed: {title}",

  "certificates.list.title": "Certificates issued",
  "certificates.list.link": "See the certificates issued",
  "certificates.list.none": "No certificates issued for this edition.",
  "certificates.list.counts": "Valid certificates: {valid} ({total} in all, revoked included).",
  "certificates.list.revoked": "Certificate revoked.",
  "certificates.list.reissued": "Certificate reissued: the previous one was revoked and linked to the new one.",
  "certificates.list.disagreeing":
    "{count, plural, one {# valid certificate no longer agrees with the register, corrected after it was issued: it is marked in the table.} other {# valid certificates no longer agree with the register, corrected after they were issued: they are marked in the table.}} Corrections to the register do not change certificates already issued.",
  "certificates.list.disagreesHours": "The register now gives {register}: to be reissued.",
  "certificates.list.disagreesAccountClosed": "The register now gives {register}.",
  "certificates.list.accountClosedValid": "Account closed: the certificate stays valid but cannot be reissued.",
  "certificates.list.accountClosedRevoked": "Account closed: the certificate cannot be reissued.",
  "certificates.state.valido": "Valid",
  "certificates.state.revocato": "Revoked",
  "certificates.revoke.reason": "Reason for revoking (sent to the person)",
  "certificates.revoke.reasonAccountClosed": "Reason for revoking (not sent: account closed)",
  "certificates.revoke.submit": "Revoke",
  "certificates.reissue.submit": "Reissue",
  "certificates.reissue.confirmTitle": "Reissue {name}'s certificate?",
  "certificates.reissue.confirmText":
    "Certificate {code} states {certified}; the register now gives {register}. Once it is reissued, code {code} is no longer valid (checking it points to the new certificate) and a new one is issued, with a new code and {register}. {name} gets an email. This cannot be undone.",
  "certificates.reissue.confirmTextRevoked":
    "Certificate {code}, already revoked, stated {certified}; the register now gives {register}. A new certificate is issued, with a new code and {register}, and checking the old code points to it. {name} gets an email. This cannot be undone.",
  "certificates.reissue.confirmSameHours":
    "The hours do not change: reissue only to correct something else, such as the name (the new certificate carries today's details).",
  "certificates.reissue.confirmYes": "Yes, reissue the certificate",
  "certificates.reissue.confirmKeep": "No, back to the certificates",
  "certificates.reissue.confirmRequired": "Certificate not reissued: confirm the reissue in the box that asks for it.",
  "certificates.ofHolder": " – certificate of {name}",
  "certificates.revoke.help":
    "Revoke: the certificate is no longer valid. The public verification page shows it as revoked, with the date but not the reason: the reason you write is read by the participant, in My enrolments and in the email they get, and by the organisers.",
  "certificates.revoke.helpSomeAccountsClosed":
    "{count, plural, one {For the certificate of a closed account, though, nobody can sign in to that account any more and no email is sent: the reason stays with the revoked certificate, on this page, and only the organisers read it.} other {For the # certificates of closed accounts, though, nobody can sign in to those accounts any more and no email is sent: the reason stays with the revoked certificate, on this page, and only the organisers read it.}}",
  "certificates.revoke.helpAccountClosed":
    "Revoke: the certificate is no longer valid. The public verification page shows it as revoked, with the date but not the reason. {count, plural, one {The holder's account is closed: nobody can sign in to it any more and no email is sent, so the reason you write stays with the revoked certificate, on this page, and only the organisers read it.} other {The holders' accounts are closed: nobody can sign in to them any more and no email is sent, so the reason you write stays with the revoked certificate, on this page, and only the organisers read it.}}",
  "certificates.reissue.help":
    "Reissue: revokes the certificate and issues a new one, with a new code and the registers' current hours (for example after a correction); checking the old code points to the new one. The participant gets an email.",

  "certificates.error.invalid": "Invalid request.",
  "certificates.error.notFound": "Certificate not found in this edition.",
  "certificates.error.reasonRequired": "Give the reason for revoking.",
  "certificates.error.alreadyRevoked": "The certificate had already been revoked.",
  "certificates.error.not-found": "Certificate not found.",
  "certificates.error.not-completed":
    "With the current registers the participant has not completed the edition: no new certificate.",
  "certificates.error.already-valid": "The participant already holds another valid certificate for this edition.",
  "certificates.error.account-closed":
    "This person's account is closed: the certificate already issued stays valid in their name and cannot be replaced.",
  "certificates.close.accountClosed": "Account closed: no new certificate",
  "certificates.close.disagreeing":
    "{count, plural, one {# valid certificate no longer agrees with the register, corrected after it was issued: reissue or revoke it} other {# valid certificates no longer agree with the register, corrected after they were issued: reissue or revoke them}} from the certificates page. Corrections to the register do not change certificates already issued.",
  "certificates.close.disagreeingNotCompleted":
    "{count, plural, one {# valid certificate no longer agrees with the register, corrected after it was issued, and by the register as it is now the path is not completed: revoke it} other {# valid certificates no longer agree with the register, corrected after they were issued, and by the register as it is now the paths are not completed: revoke them}} from the certificates page. Corrections to the register do not change certificates already issued.",
  "certificates.close.disagreeingAccountClosed":
    "{count, plural, one {# valid certificate no longer agrees with the register, corrected after it was issued, but its holder's account is closed: the certificate stays valid and cannot be reissued, only revoked} other {# valid certificates no longer agree with the register, corrected after they were issued, but their holders' accounts are closed: the certificates stay valid and cannot be reissued, only revoked}} from the certificates page. Corrections to the register do not change certificates already issued.",
  "certificates.close.disagreeingMixed":
    "{count, plural, one {# valid certificate no longer agrees with the register, corrected after it was issued} other {# valid certificates no longer agree with the register, corrected after they were issued}}: {parts}. Corrections to the register do not change certificates already issued.",
  "certificates.close.disagreeingPart.reissuable":
    "{count, plural, one {# to be reissued or revoked} other {# to be reissued or revoked}}",
  "certificates.close.disagreeingPart.notCompleted":
    "{count, plural, one {# to be revoked, since by the register as it is now the path is not completed} other {# to be revoked, since by the register as it is now the paths are not completed}}",
  "certificates.close.disagreeingPart.accountClosed":
    "{count, plural, one {# of a closed account, which stays valid and cannot be reissued, only revoked} other {# of closed accounts, which stay valid and cannot be reissued, only revoked}}",
  "certificates.close.disagreesHours":
    "The certificate states {certified}, the register now {register}: to be reissued.",
  "certificates.close.disagreesAccountClosed": "The certificate states {certified}, the register now {register}.",
  "certificates.close.disagreesOutcome":
    "The certificate states {certified}, but by the register as it is now the path is not completed: to be revoked.",
  "certificates.error.not-ended": "The edition has not ended yet: you can close it at the end of its last day.",
  "certificates.error.edition-cancelled":
    "The edition has been cancelled: it cannot be closed and no certificates can be issued; its registers stay open.",

  "certificates.verify.title": "Verify a certificate",
  "certificates.verify.intro":
    "Type the verification code printed on the certificate (for example FRM-ABCD-EFGH-JKMN) to check it.",
  "certificates.verify.code": "Verification code",
  "certificates.verify.hint": "Upper or lower case; dashes can be left out.",
  "certificates.verify.badFormat": "The code is not in the right format: FRM followed by 12 letters or digits.",
  "certificates.verify.submit": "Verify",
  "certificates.verify.another": "Verify another code",
  "certificates.verify.valid": "Valid certificate",
  "certificates.verify.revoked": "Certificate revoked {date}",
  "certificates.verify.revokedAsk": "To know why, ask the organiser: {organiser}.",
  "certificates.verify.replacedBy": "It was replaced by certificate",
  "certificates.verify.unknown": "Code not found",
  "certificates.verify.unknownText": "No certificate matches the code “{code}”. Check that it was copied correctly.",
  "certificates.verify.tooMany": "Too many checks from this network in a short time: try again in a minute.",
  "certificates.verify.holder": "Holder",
  "certificates.verify.event": "Event",
  "certificates.verify.dates": "Dates",
  "certificates.verify.organiser": "Organiser",
  "certificates.verify.issued": "Issue date",
  "certificates.verify.englishRendering":
    "The holder can also download an English rendering of this certificate, with the same code and this same verification page; the official document is the Italian certificate.",

  "certificates.questionnaire.title": "Satisfaction questionnaire",
  "certificates.questionnaire.intro":
    "Before downloading the certificate please answer a short questionnaire. Answers are anonymous: they are stored with no link to your name.",
  "certificates.questionnaire.required": "(required)",
  "certificates.questionnaire.comment": "Comments and suggestions (optional)",
  "certificates.questionnaire.commentHint": "At most 2000 characters. Do not include personal data.",
  "certificates.questionnaire.submit": "Send the answers",
  "certificates.questionnaire.errors": "Answer every question marked with an asterisk.",
  "certificates.questionnaire.thanks":
    "Thank you, your answers have been recorded. You can now download the certificate.",
  "certificates.questionnaire.already":
    "You have already answered this edition's questionnaire: you can download the certificate.",
  "questionnaire.validation.score": "Choose a value from 1 to 5.",

  "certificates.summary.link": "Satisfaction questionnaire: results",
  "certificates.summary.back": "← Back to the edition",
  "certificates.summary.title": "Satisfaction questionnaire: results",
  "certificates.summary.responses": "Answers received: {count}.",
  "certificates.summary.anonymous": "Answers are anonymous: they cannot be traced back to who gave them.",
  "certificates.summary.caption": "Average and distribution of the answers (1 = not at all, 5 = very much)",
  "certificates.summary.question": "Question",
  "certificates.summary.average": "Average",
  "certificates.summary.comments": "Comments ({count})",
  "certificates.summary.noComments": "No comments.",
  "certificates.summary.withheld":
    "Averages, distribution and comments appear from {minimum} answers on: with fewer, they would be individual people's answers.",

  "certificates.progress.title": "Certified hours",
  "certificates.progress.fromCertificate": "{hours}, as stated on the certificate",
  "certificates.progress.recordedTitle": "Hours recorded so far",
  "certificates.progress.value": "{done} of {total} (minimum required: {required})",
  "certificates.progress.missing": "Required activities to complete: {titles}",
  "certificates.progress.completed": "Completed",
  "certificates.revokedBadge": "Certificate revoked",
  "certificates.revokedOn": "Your certificate {code} was revoked on {date} and is no longer valid.",
  "certificates.revokedReason": "Reason: {reason}",
  "certificates.revokedNoReason": "No reason was given.",
  "certificates.progress.code": "Verification code: {code}",
  "certificates.progress.questionnaireFirst":
    "Before the download you will be asked a short anonymous satisfaction questionnaire.",
};

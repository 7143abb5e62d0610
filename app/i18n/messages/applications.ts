// Applications (candidature): the teacher's application form, "Le mie iscrizioni", and the
// organiser's set-up, ranking and selection on the edition page.
export const it = {
  "enrol.refused.application-required":
    "Questa edizione assegna i posti su candidatura: invia la candidatura con il modulo.",
  "applications.form.heading": "Candidatura",
  "applications.form.intro":
    "Questa edizione assegna i posti su candidatura, non in ordine di arrivo. Invia la tua motivazione e rispondi alle domande entro il {date}: l'organizzazione valuterà le candidature e ti comunicherà l'esito.",
  "applications.form.edition": "Edizione",
  "applications.form.motivation": "Motivazione",
  "applications.form.motivationHint":
    "Da 20 a 2000 caratteri: perché vuoi partecipare e come userai ciò che imparerai.",
  "applications.form.questions": "Domande dell'organizzazione",
  "applications.form.submit": "Invia la candidatura",
  "applications.unsent.heading": "Candidatura non inviata",
  "applications.unsent.intro":
    "La candidatura non è stata registrata: il motivo è scritto in cima alla pagina. Qui sotto c'è il testo che avevi scritto, da copiare se ti serve.",
  "applications.unsent.registrationHeading": "Iscrizione non registrata",
  "applications.unsent.registrationIntro":
    "L'iscrizione non è stata registrata: il motivo è scritto in cima alla pagina. Qui sotto ci sono le risposte che avevi scritto, da copiare se ti servono.",
  "applications.validation.motivationShort": "La motivazione deve avere almeno 20 caratteri.",
  "applications.validation.motivationLong": "La motivazione può avere al massimo 2000 caratteri.",
  "applications.validation.answerLong": "Risposta troppo lunga: al massimo 1000 caratteri.",
  "applications.refused.not-application": "Questa edizione non accetta candidature.",
  "applications.refused.selection-closed": "La selezione per questa edizione è chiusa.",
  "applications.refused.invalid": "Controlla i campi segnalati.",
  "applications.outcome.sent":
    "Candidatura inviata per «{title}», edizione {number}. Riceverai l'esito della selezione.",
  "applications.withdraw": "Ritira la candidatura",
  "applications.done.withdrawn": "Candidatura ritirata.",
  "applications.accepted": "Candidatura accettata: hai un posto in questa edizione.",
  "applications.admission.title": "Modalità di ammissione",
  "applications.admission.legend": "Come si assegnano i posti",
  "applications.admission.save": "Salva la modalità",
  "applications.admission.locked": "La modalità non si può più cambiare: ci sono già iscrizioni o candidature.",
  "applications.admission.has-enrolments": "La modalità non si può cambiare: ci sono già iscrizioni o candidature.",
  "applications.admission.has-quotas":
    "Per passare alla selezione delle candidature rimuovi prima le quote regionali: la selezione assegna i posti in graduatoria, senza quote.",
  "applications.admission.selection-closed":
    "La modalità non si può più cambiare: la selezione di questa edizione è chiusa e le persone candidate hanno già ricevuto l'esito. Per accogliere altre persone in un altro modo, aggiungi una nuova edizione modificando l'iniziativa.",
  "applications.admission.edition-cancelled": "L'edizione è annullata.",
  "applications.setup.title": "Domande e criteri di selezione",
  "applications.setup.questions": "Domande per chi si candida (una per riga)",
  "applications.setup.questionsHint":
    "Scrivi «domanda» per una risposta libera, oppure «domanda: opzione 1 | opzione 2» per una scelta tra opzioni (un'opzione può contenere «:», ad esempio «10:30»). Aggiungi «(facoltativa)» dopo la domanda se la risposta non è obbligatoria. Al massimo 10 domande.",
  "applications.setup.criteria": "Criteri di valutazione (uno per riga)",
  "applications.setup.criteriaHint":
    "Scrivi «criterio (max N)», con N punteggio massimo da 1 a 100. Al massimo 10 criteri.",
  "applications.setup.save": "Salva domande e criteri",
  "applications.setup.error.too-long": "Riga {line}: testo troppo lungo (al massimo 200 caratteri).",
  "applications.setup.error.options":
    "Riga {line}: una domanda a scelta ha almeno due opzioni diverse, separate da «|».",
  "applications.setup.error.criterion-format": "Riga {line}: scrivi il criterio come «etichetta (max N)».",
  "applications.setup.error.max-score": "Riga {line}: il punteggio massimo è un numero intero da 1 a 100.",
  "applications.setup.error.duplicate": "Riga {line}: ripete una riga precedente.",
  "applications.setup.error.too-many": "Riga {line}: al massimo 10 righe.",
  "applications.setup.questions-locked": "Le domande non si possono più cambiare: sono già arrivate candidature.",
  "applications.setup.criteria-locked": "I criteri non si possono più cambiare: ci sono candidature già valutate.",
  "applications.ranking.title": "Graduatoria delle candidature",
  "applications.ranking.rule":
    "Ordine: prima le candidature con priorità, poi per punteggio totale decrescente (quelle non ancora valutate dopo tutte le valutate), poi per data della candidatura (dalla meno recente).",
  "applications.ranking.none": "Nessuna candidatura in valutazione.",
  "applications.ranking.eventClosed":
    "L'iniziativa è chiusa: non si possono più selezionare candidature né chiudere la selezione. La graduatoria resta consultabile qui e nell'elenco CSV.",
  "applications.ranking.eventDraft":
    "L'iniziativa non è ancora pubblicata: la selezione si fa dopo la pubblicazione, quando arrivano le candidature.",
  "applications.ranking.pages": "Pagine della graduatoria",
  "applications.ranking.page":
    "Pagina {page} di {pages} ({total, plural, one {# candidatura} other {# candidature}} in valutazione)",
  "applications.col.rank": "Posizione",
  "applications.col.applicant": "Nome",
  "applications.col.application": "Candidatura",
  "applications.col.assessment": "Valutazione",
  "applications.col.select": "Selezione",
  "applications.motivation": "Motivazione",
  "applications.appliedAt": "Candidatura del {date}",
  "applications.total": "Totale: {total}",
  "applications.notScored": "Non ancora valutata",
  "applications.priority": "Priorità",
  "applications.scoreLabel": "{criterion} (da 0 a {max})",
  "applications.score.save": "Salva la valutazione",
  "applications.score.error.required": "Indica il punteggio.",
  "applications.score.error.not-a-number": "Indica un numero, ad esempio 7 o 7,5.",
  "applications.score.error.out-of-range": "Il punteggio va da 0 a {max}, a passi di 0,5.",
  "applications.score.no-criteria": "Definisci prima i criteri di valutazione.",
  "applications.selectOne": "Seleziona {name}",
  "applications.selectTop.label": "Quante candidature selezionare (posti liberi: {free})",
  "applications.selectTop.submit": "Seleziona le prime N",
  "applications.selectTop.unlimited": "Quante candidature selezionare (posti illimitati)",
  "applications.selectTop.confirmRequired": "Per selezionare le candidature conferma dal secondo passaggio.",
  "applications.selectTop.step.title":
    "{count, plural, one {Vuoi selezionare la prima candidatura?} other {Vuoi selezionare le prime # candidature?}}",
  "applications.selectTop.step.seated":
    "{count, plural, one {La prima candidatura della graduatoria avrà un posto: chi l'ha inviata riceverà subito l'email «candidatura accettata».} other {Le prime # candidature della graduatoria avranno un posto: ogni persona riceverà subito l'email «candidatura accettata».}}",
  "applications.selectTop.step.unscored":
    "{count, plural, =0 {Sono tutte già valutate.} one {Una di queste non è ancora stata valutata: entra in graduatoria solo per la data della candidatura.} other {# di queste non sono ancora state valutate: entrano in graduatoria solo per la data della candidatura.}}",
  "applications.selectTop.step.unscoredNames": "Non ancora valutate: {names}.",
  "applications.selectTop.step.more": "{count, plural, one {e un'altra} other {e altre #}}",
  "applications.selectTop.step.final":
    "Una candidatura selezionata non torna in valutazione: la persona si può solo togliere dall'edizione, con un avviso.",
  "applications.selectTop.step.yes": "Sì, seleziona",
  "applications.selectTop.step.keep": "No, torna all'edizione",
  "applications.close.submit": "Chiudi la selezione",
  "applications.close.hint":
    "Chiudendo la selezione non si possono più selezionare altre candidature. Le candidature ancora in valutazione entrano nella graduatoria di riserva, nel suo ordine: ogni posto che resta o si libera è offerto alla prima persona in riserva, che ha {hours, plural, one {# ora} other {# ore}} per accettare; se non accetta passa alla successiva. Senza riserva, ricevono l'esito «candidatura non selezionata».",
  "applications.close.reserve": "Tieni le candidature non selezionate in graduatoria di riserva",
  "applications.close.reserveUnlimited":
    "L'edizione non ha limite di posti: con la graduatoria di riserva, un posto sarebbe offerto subito a ogni candidatura non selezionata.",
  "applications.close.confirmRequired": "Per chiudere la selezione conferma dal secondo passaggio.",
  "applications.close.step.title": "Vuoi chiudere la selezione?",
  "applications.close.step.reject":
    "{count, plural, =0 {Nessuna candidatura è ancora in valutazione.} one {La persona con l'unica candidatura ancora in valutazione riceverà l'email «candidatura non selezionata».} other {Le # persone con una candidatura ancora in valutazione riceveranno l'email «candidatura non selezionata».}}",
  "applications.close.step.reserve":
    "{count, plural, =0 {Nessuna candidatura è ancora in valutazione.} one {L'unica candidatura ancora in valutazione entrerà nella graduatoria di riserva: chi l'ha inviata riceverà un'email con l'esito «non selezionata, in riserva» e la sua posizione.} other {Le # candidature ancora in valutazione entreranno nella graduatoria di riserva, nel suo ordine: ogni persona riceverà un'email con l'esito «non selezionata, in riserva» e la sua posizione.}}",
  "applications.close.step.offerSeats":
    "{seats, plural, =0 {Non ci sono posti liberi: un posto sarà offerto solo quando se ne libera uno.} one {L'unico posto libero sarà offerto subito alla prima candidatura in riserva, con l'email «posto offerto» e {hours, plural, one {# ora} other {# ore}} per accettarlo.} other {I # posti liberi saranno offerti subito alle prime # candidature in riserva, con l'email «posto offerto» e {hours, plural, one {# ora} other {# ore}} per accettarli.}}",
  "applications.close.step.offerAll":
    "L'edizione non ha limite di posti: un posto sarà offerto subito a tutte, con l'email «posto offerto» e {hours, plural, one {# ora} other {# ore}} per accettarlo.",
  "applications.close.step.giveSeats":
    "{seats, plural, =0 {Non ci sono posti liberi: un posto andrà in riserva solo quando se ne libera uno.} one {L'unico posto libero andrà subito alla prima candidatura in riserva, senza offerta: l'ultimo incontro è troppo vicino per una scadenza.} other {I # posti liberi andranno subito alle prime # candidature in riserva, senza offerta: l'ultimo incontro è troppo vicino per una scadenza.}}",
  "applications.close.step.giveAll":
    "L'edizione non ha limite di posti: un posto andrà subito a tutte, senza offerta, perché l'ultimo incontro è troppo vicino per una scadenza.",
  "applications.close.step.trainingOver": "L'ultimo incontro si è già concluso: nessun posto sarà assegnato.",
  "applications.close.step.final":
    "Non si potranno più selezionare altre candidature e la selezione non si potrà riaprire.",
  "applications.close.step.yes": "Sì, chiudi la selezione",
  "applications.close.step.keep": "No, torna all'edizione",
  "applications.closedOn": "Selezione chiusa il {date}.",
  "applications.reserve.title": "Graduatoria di riserva",
  "applications.reserve.offered": "Riserve con posto offerto (in attesa di risposta)",
  "applications.reserve.teacher":
    "La tua candidatura non è stata selezionata, ma è nella graduatoria di riserva: se si libera un posto ti sarà offerto, con una scadenza per accettarlo.",
  "applications.select.error.over-cap":
    "Posti insufficienti: {requested, plural, one {hai chiesto # posto} other {hai chiesto # posti}}, {free, plural, =0 {non ne resta nessuno} one {ne resta #} other {ne restano #}}.",
  "applications.select.error.not-candidate": "Una o più candidature non sono più in valutazione: ricarica la pagina.",
  "applications.select.error.nobody": "Nessuna candidatura da selezionare.",
  "applications.select.error.selection-closed": "La selezione è già chiusa.",
  "applications.select.error.edition-cancelled": "L'edizione è annullata.",
  "applications.select.error.not-application": "Questa edizione non assegna i posti su candidatura.",
  "applications.select.error.not-found": "Candidatura non trovata.",
  "applications.done.scored": "Valutazione salvata.",
  "applications.done.selected": "{count, plural, one {# candidatura selezionata.} other {Candidature selezionate: #.}}",
  "applications.done.closed":
    "Selezione chiusa: {count, plural, =0 {nessuna candidatura da respingere.} one {ricevuto l'avviso chi ha inviato l'unica candidatura non selezionata.} other {hanno ricevuto l'avviso le # persone con candidatura non selezionata.}}",
  "applications.done.closedReserve":
    "Selezione chiusa: {count, plural, =0 {nessuna candidatura in graduatoria di riserva.} one {una candidatura in graduatoria di riserva, con il suo avviso.} other {# candidature in graduatoria di riserva, ognuna con il suo avviso.}}",
  "applications.done.setup": "Domande e criteri salvati.",
  "applications.done.admission": "Modalità di ammissione salvata.",
  "applications.count.candidates": "Candidature",
  "applications.count.notSelected": "Non selezionate",
} as const;

export const en: Record<keyof typeof it, string> = {
  "enrol.refused.application-required":
    "This edition gives places by application: send your application with the form.",
  "applications.form.heading": "Application",
  "applications.form.intro":
    "This edition gives places by application, not first come first served. Send your motivation and answer the questions by {date}: the organiser will assess the applications and tell you the outcome.",
  "applications.form.edition": "Edition",
  "applications.form.motivation": "Motivation",
  "applications.form.motivationHint":
    "20 to 2000 characters: why you want to take part and how you will use what you learn.",
  "applications.form.questions": "The organiser's questions",
  "applications.form.submit": "Send the application",
  "applications.unsent.heading": "Application not sent",
  "applications.unsent.intro":
    "The application was not recorded: the reason is at the top of the page. Below is the text you wrote, to copy if you need it.",
  "applications.unsent.registrationHeading": "Enrolment not recorded",
  "applications.unsent.registrationIntro":
    "The enrolment was not recorded: the reason is at the top of the page. Below are the answers you wrote, to copy if you need them.",
  "applications.validation.motivationShort": "The motivation needs at least 20 characters.",
  "applications.validation.motivationLong": "The motivation can be at most 2000 characters long.",
  "applications.validation.answerLong": "Answer too long: at most 1000 characters.",
  "applications.refused.not-application": "This edition does not take applications.",
  "applications.refused.selection-closed": "The selection for this edition is closed.",
  "applications.refused.invalid": "Check the fields marked.",
  "applications.outcome.sent":
    "Application sent for “{title}”, edition {number}. You will be told the outcome of the selection.",
  "applications.withdraw": "Withdraw the application",
  "applications.done.withdrawn": "Application withdrawn.",
  "applications.accepted": "Application accepted: you have a seat in this edition.",
  "applications.admission.title": "Admission",
  "applications.admission.legend": "How places are given",
  "applications.admission.save": "Save the admission mode",
  "applications.admission.locked": "The admission mode can no longer change: people are already enrolled or applying.",
  "applications.admission.has-enrolments": "The admission mode cannot change: people are already enrolled or applying.",
  "applications.admission.has-quotas":
    "To switch to selection by application, first remove the regional quotas: the selection gives seats by ranking, without quotas.",
  "applications.admission.selection-closed":
    "The admission mode can no longer change: this edition's selection is closed and the applicants have been told the outcome. To take more people another way, add a new edition by editing the event.",
  "applications.admission.edition-cancelled": "The edition is cancelled.",
  "applications.setup.title": "Questions and selection criteria",
  "applications.setup.questions": "Questions for applicants (one per line)",
  "applications.setup.questionsHint":
    "Write “question” for a free answer, or “question: option 1 | option 2” for a choice among options (an option may contain “:”, e.g. “10:30”). Add “(optional)” after a question whose answer is not required. At most 10 questions.",
  "applications.setup.criteria": "Assessment criteria (one per line)",
  "applications.setup.criteriaHint":
    "Write “criterion (max N)”, N being the highest score from 1 to 100. At most 10 criteria.",
  "applications.setup.save": "Save questions and criteria",
  "applications.setup.error.too-long": "Line {line}: text too long (at most 200 characters).",
  "applications.setup.error.options":
    "Line {line}: a choice question needs at least two different options, separated by “|”.",
  "applications.setup.error.criterion-format": "Line {line}: write the criterion as “label (max N)”.",
  "applications.setup.error.max-score": "Line {line}: the highest score is a whole number from 1 to 100.",
  "applications.setup.error.duplicate": "Line {line}: repeats an earlier line.",
  "applications.setup.error.too-many": "Line {line}: at most 10 lines.",
  "applications.setup.questions-locked": "The questions can no longer change: applications have arrived.",
  "applications.setup.criteria-locked": "The criteria can no longer change: some applications have been scored.",
  "applications.ranking.title": "Ranking of applicants",
  "applications.ranking.rule":
    "Order: applicants with priority first, then by total score (highest first; those not scored yet after every scored one), then by application time (earliest first).",
  "applications.ranking.none": "No applications under review.",
  "applications.ranking.eventClosed":
    "The event is closed: applications can no longer be selected, nor the selection closed. The ranking stays here to read, and in the CSV list.",
  "applications.ranking.eventDraft":
    "The event is not published yet: the selection comes after publication, once applications arrive.",
  "applications.ranking.pages": "Ranking pages",
  "applications.ranking.page":
    "Page {page} of {pages} ({total, plural, one {# application} other {# applications}} under review)",
  "applications.col.rank": "Rank",
  "applications.col.applicant": "Applicant",
  "applications.col.application": "Application",
  "applications.col.assessment": "Assessment",
  "applications.col.select": "Selection",
  "applications.motivation": "Motivation",
  "applications.appliedAt": "Applied on {date}",
  "applications.total": "Total: {total}",
  "applications.notScored": "Not scored yet",
  "applications.priority": "Priority",
  "applications.scoreLabel": "{criterion} (0 to {max})",
  "applications.score.save": "Save the assessment",
  "applications.score.error.required": "Enter the score.",
  "applications.score.error.not-a-number": "Enter a number, for example 7 or 7.5.",
  "applications.score.error.out-of-range": "The score goes from 0 to {max}, in steps of 0.5.",
  "applications.score.no-criteria": "Define the assessment criteria first.",
  "applications.selectOne": "Select {name}",
  "applications.selectTop.label": "How many applicants to select (free seats: {free})",
  "applications.selectTop.submit": "Select the top N",
  "applications.selectTop.unlimited": "How many applicants to select (unlimited seats)",
  "applications.selectTop.confirmRequired": "To select the applicants, confirm from the second step.",
  "applications.selectTop.step.title":
    "{count, plural, one {Select the first applicant?} other {Select the first # applicants?}}",
  "applications.selectTop.step.seated":
    "{count, plural, one {The first application in the ranking will get a seat: its sender gets the “application accepted” email at once.} other {The first # applications in the ranking will get a seat: each person gets the “application accepted” email at once.}}",
  "applications.selectTop.step.unscored":
    "{count, plural, =0 {All of them have been scored.} one {One of them has not been scored yet: it is ranked by application time only.} other {# of them have not been scored yet: they are ranked by application time only.}}",
  "applications.selectTop.step.unscoredNames": "Not scored yet: {names}.",
  "applications.selectTop.step.more": "{count, plural, one {and one more} other {and # more}}",
  "applications.selectTop.step.final":
    "A selected application does not go back under review: the person can only be removed from the edition, with a notice.",
  "applications.selectTop.step.yes": "Yes, select",
  "applications.selectTop.step.keep": "No, back to the edition",
  "applications.close.submit": "Close the selection",
  "applications.close.hint":
    "After closing the selection no more applicants can be selected. Those still under review join the reserve list, in ranking order: every seat left or freed is offered to the first reserve, who has {hours, plural, one {# hour} other {# hours}} to accept; otherwise it passes to the next. Without a reserve list they are told they were not selected.",
  "applications.close.reserve": "Keep the applicants not selected on a reserve list",
  "applications.close.reserveUnlimited":
    "The edition has no seat limit: with a reserve list, every applicant not selected would be offered a seat at once.",
  "applications.close.confirmRequired": "To close the selection, confirm on the second step.",
  "applications.close.step.title": "Close the selection?",
  "applications.close.step.reject":
    "{count, plural, =0 {No application is still under review.} one {The person whose application is still under review will get the email “application not selected”.} other {The # people whose applications are still under review will get the email “application not selected”.}}",
  "applications.close.step.reserve":
    "{count, plural, =0 {No application is still under review.} one {The one application still under review will join the reserve list: its sender will get an email saying “not selected, on the reserve list”, with their position.} other {The # applications still under review will join the reserve list, in ranking order: each person will get an email saying “not selected, on the reserve list”, with their position.}}",
  "applications.close.step.offerSeats":
    "{seats, plural, =0 {There are no free seats: a seat will be offered only when one becomes free.} one {The one free seat will be offered at once to the first application on the reserve list, with the email “seat offered” and {hours, plural, one {# hour} other {# hours}} to accept it.} other {The # free seats will be offered at once to the first # applications on the reserve list, with the email “seat offered” and {hours, plural, one {# hour} other {# hours}} to accept them.}}",
  "applications.close.step.offerAll":
    "The edition has no seat limit: every one of them will be offered a seat at once, with the email “seat offered” and {hours, plural, one {# hour} other {# hours}} to accept it.",
  "applications.close.step.giveSeats":
    "{seats, plural, =0 {There are no free seats: a seat will go to the reserve list only when one becomes free.} one {The one free seat will go at once to the first application on the reserve list, with no offer: the last session is too close for a deadline.} other {The # free seats will go at once to the first # applications on the reserve list, with no offer: the last session is too close for a deadline.}}",
  "applications.close.step.giveAll":
    "The edition has no seat limit: every one of them will get a seat at once, with no offer, because the last session is too close for a deadline.",
  "applications.close.step.trainingOver": "The last session has already ended: no seat will be given.",
  "applications.close.step.final": "No more applicants can be selected, and the selection cannot be reopened.",
  "applications.close.step.yes": "Yes, close the selection",
  "applications.close.step.keep": "No, back to the edition",
  "applications.closedOn": "Selection closed on {date}.",
  "applications.reserve.title": "Reserve list",
  "applications.reserve.offered": "Reserves offered a seat (awaiting an answer)",
  "applications.reserve.teacher":
    "You were not selected, but you are on the reserve list: if a seat becomes free it will be offered to you, with a deadline to accept it.",
  "applications.select.error.over-cap":
    "Not enough seats: you asked for {requested, plural, one {# seat} other {# seats}}, {free, plural, =0 {none is left} one {# is left} other {# are left}}.",
  "applications.select.error.not-candidate": "One or more applicants are no longer under review: reload the page.",
  "applications.select.error.nobody": "No applicants to select.",
  "applications.select.error.selection-closed": "The selection is already closed.",
  "applications.select.error.edition-cancelled": "The edition is cancelled.",
  "applications.select.error.not-application": "This edition does not give places by application.",
  "applications.select.error.not-found": "Application not found.",
  "applications.done.scored": "Assessment saved.",
  "applications.done.selected": "{count, plural, one {# application selected.} other {Applications selected: #.}}",
  "applications.done.closed":
    "Selection closed: {count, plural, =0 {no applications to turn down.} one {the person whose application was not selected has been told.} other {the # people whose applications were not selected have been told.}}",
  "applications.done.closedReserve":
    "Selection closed: {count, plural, =0 {no applications on the reserve list.} one {one application on the reserve list, its sender told.} other {# applications on the reserve list, each sender told.}}",
  "applications.done.setup": "Questions and criteria saved.",
  "applications.done.admission": "Admission mode saved.",
  "applications.count.candidates": "Applicants",
  "applications.count.notSelected": "Not selected",
};

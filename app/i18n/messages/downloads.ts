// Why a download was refused: the small bilingual page of a resource route (PDF, CSV, ZIP, XLSX,
// an event's file) says it in words that name no one else's data (ADR 0092).
export const it = {
  "downloads.refused.certificateNotYours.title": "Questo attestato non è tuo",
  "downloads.refused.certificateNotYours.text":
    "Un attestato si scarica solo da chi lo ha ricevuto, da «Le mie iscrizioni». Per controllare un attestato che ti è stato mostrato, usa il codice di verifica stampato sul documento.",
  "downloads.refused.certificateRevoked.title": "Questo attestato è stato revocato",
  "downloads.refused.certificateRevoked.text":
    "Un attestato revocato non si scarica più. In «Le mie iscrizioni» trovi quando e perché; per chiarimenti rivolgiti all'ente organizzatore.",
  "downloads.refused.trainingCertificateNotYours.title": "Questo attestato non è tuo",
  "downloads.refused.trainingCertificateNotYours.text":
    "L'attestato di una formazione esterna si scarica solo da chi lo ha caricato, da «Il mio piano».",
  "downloads.refused.materialsForParticipants.title": "Materiale riservato alle persone iscritte",
  "downloads.refused.materialsForParticipants.text":
    "I materiali di un incontro sono riservati alle persone iscritte alla sua edizione e a chi organizza o tiene l'evento.",
  "downloads.refused.register.title": "Il registro è di chi tiene la formazione nell'edizione",
  "downloads.refused.register.text":
    "Registri e ore di presenza li scarica solo chi tiene la formazione nell'evento o lo organizza.",
  "downloads.refused.participants.title": "L'elenco delle persone iscritte è di chi gestisce l'evento",
  "downloads.refused.participants.text":
    "Lo scaricano solo l'Unità nazionale e, per gli eventi regionali, chi è referente USR nella regione dell'evento.",
  "downloads.refused.certificates.title": "Gli attestati dell'edizione sono di chi gestisce l'evento",
  "downloads.refused.certificates.text":
    "L'archivio degli attestati lo scaricano solo l'Unità nazionale e, per gli eventi regionali, chi è referente USR nella regione dell'evento. Ogni persona scarica il proprio da «Le mie iscrizioni».",
  "downloads.refused.dashboard.title": "Il cruscotto è riservato a referenti USR e Unità nazionale",
  "downloads.refused.dashboard.text": "Le tabelle del cruscotto si scaricano solo con uno di questi ruoli.",
  "downloads.refused.dashboardRegion.title": "Questi dati sono di un'altra regione",
  "downloads.refused.dashboardRegion.text":
    "Un referente USR scarica le tabelle del cruscotto della propria regione; quelle nazionali e delle altre regioni le scarica l'Unità nazionale.",
  "downloads.refused.staffEmailUnconfirmed.title": "Conferma prima il tuo indirizzo email",
  "downloads.refused.staffEmailUnconfirmed.text":
    "I file del tuo ruolo si scaricano solo dopo che hai aperto il link di conferma che ti abbiamo inviato. Non lo trovi o è scaduto? In «Il mio profilo» puoi fartene inviare uno nuovo.",
} as const;

export const en: Record<keyof typeof it, string> = {
  "downloads.refused.certificateNotYours.title": "This certificate is not yours",
  "downloads.refused.certificateNotYours.text":
    "A certificate can only be downloaded by the person who received it, from “My enrolments”. To check a certificate someone showed you, use the verification code printed on it.",
  "downloads.refused.certificateRevoked.title": "This certificate was revoked",
  "downloads.refused.certificateRevoked.text":
    "A revoked certificate can no longer be downloaded. “My enrolments” says when and why; for more, ask the organiser.",
  "downloads.refused.trainingCertificateNotYours.title": "This certificate is not yours",
  "downloads.refused.trainingCertificateNotYours.text":
    "The certificate of an external training can only be downloaded by the person who uploaded it, from “My plan”.",
  "downloads.refused.materialsForParticipants.title": "Material for participants only",
  "downloads.refused.materialsForParticipants.text":
    "A session's materials are only for the participants of its edition and for whoever organises or teaches the event.",
  "downloads.refused.register.title": "The register belongs to the edition's trainers",
  "downloads.refused.register.text":
    "Registers and attendance hours can only be downloaded by the trainers assigned to the event and by its organisers.",
  "downloads.refused.participants.title": "The participant list is for whoever manages the event",
  "downloads.refused.participants.text":
    "Only the national unit and, for regional events, the regional office referents of the event's region download it.",
  "downloads.refused.certificates.title": "The edition's certificates are for whoever manages the event",
  "downloads.refused.certificates.text":
    "Only the national unit and, for regional events, the regional office referents of the event's region download the certificates' archive. Each participant downloads their own from “My enrolments”.",
  "downloads.refused.dashboard.title": "The dashboard is for regional office referents and the national unit",
  "downloads.refused.dashboard.text": "The dashboard's tables can only be downloaded with one of these roles.",
  "downloads.refused.dashboardRegion.title": "These figures are another region's",
  "downloads.refused.dashboardRegion.text":
    "A regional office referent downloads the dashboard's tables of their own region; the national unit downloads the national ones and other regions'.",
  "downloads.refused.staffEmailUnconfirmed.title": "First confirm your email address",
  "downloads.refused.staffEmailUnconfirmed.text":
    "Your role's files can be downloaded only once you have opened the confirmation link we sent you. Can't find it, or has it expired? You can ask for a new one in “My profile”.",
};

// UI strings, one catalogue per feature in ./messages/. Italian is the source; each feature's
// English catalogue must have the same keys (its type enforces it).
// To add a feature's strings: create messages/<feature>.ts exporting { it, en } like core.ts,
// and add it to the two spreads below.
import * as core from "./messages/core.ts";
import * as catalogue from "./messages/catalogue.ts";
import * as eventsAdmin from "./messages/events-admin.ts";
import * as enrolment from "./messages/enrolment.ts";
import * as applications from "./messages/applications.ts";
import * as emailAdmin from "./messages/email-admin.ts";
import * as calendar from "./messages/calendar.ts";
import * as account from "./messages/account.ts";
import * as trainingPlan from "./messages/training-plan.ts";
import * as attendance from "./messages/attendance.ts";
import * as certificates from "./messages/certificates.ts";
import * as checkIn from "./messages/check-in.ts";
import * as profile from "./messages/profile.ts";
import * as oidc from "./messages/oidc.ts";
import * as site from "./messages/site.ts";
import * as participantMessages from "./messages/participant-messages.ts";
import * as dashboard from "./messages/dashboard.ts";
import * as titles from "./messages/titles.ts";
import * as placement from "./messages/placement.ts";
import * as participants from "./messages/participants.ts";
import * as eventSheet from "./messages/event-sheet.ts";
import * as unsubscribe from "./messages/unsubscribe.ts";
import * as emailRefusal from "./messages/email-refusal.ts";
import * as alerts from "./messages/alerts.ts";
import * as downloads from "./messages/downloads.ts";
import * as session from "./messages/session.ts";

export const it = {
  ...core.it,
  ...catalogue.it,
  ...eventsAdmin.it,
  ...enrolment.it,
  ...applications.it,
  ...emailAdmin.it,
  ...calendar.it,
  ...account.it,
  ...trainingPlan.it,
  ...attendance.it,
  ...certificates.it,
  ...checkIn.it,
  ...profile.it,
  ...oidc.it,
  ...site.it,
  ...participantMessages.it,
  ...dashboard.it,
  ...titles.it,
  ...placement.it,
  ...participants.it,
  ...eventSheet.it,
  ...unsubscribe.it,
  ...emailRefusal.it,
  ...alerts.it,
  ...downloads.it,
  ...session.it,
} as const;

export type MessageKey = keyof typeof it;

export const en: Record<MessageKey, string> = {
  ...core.en,
  ...catalogue.en,
  ...eventsAdmin.en,
  ...enrolment.en,
  ...applications.en,
  ...emailAdmin.en,
  ...calendar.en,
  ...account.en,
  ...trainingPlan.en,
  ...attendance.en,
  ...certificates.en,
  ...checkIn.en,
  ...profile.en,
  ...oidc.en,
  ...site.en,
  ...participantMessages.en,
  ...dashboard.en,
  ...titles.en,
  ...placement.en,
  ...participants.en,
  ...eventSheet.en,
  ...unsubscribe.en,
  ...emailRefusal.en,
  ...alerts.en,
  ...downloads.en,
  ...session.en,
};

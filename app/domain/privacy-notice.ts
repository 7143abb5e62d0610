// The privacy notice (informativa, /privacy; its text is the "privacy.*" messages in
// app/i18n/messages/site.ts). Change the version whenever that text changes in substance: each
// account records the version it was shown at sign-up (User.privacyVersion, privacyAcceptedAt).

/** The notice in force: its date of publication (".2": the second change published that day). */
export const PRIVACY_NOTICE_VERSION = "2026-12-05.4";

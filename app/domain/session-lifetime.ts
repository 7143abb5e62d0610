// How long a sign-in lasts (ADR 0003, ADR 0089): shared by the session code and the sign-in page.

/** A session kept on a device ("Resta collegato su questo dispositivo"): 14 days. */
export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 14;

/**
 * Any other session ends after this long without a request: its expiry slides forward with use (at
 * most every few minutes), and its cookie lasts until the browser closes. A teacher who signs in on
 * a school's shared computer and walks away does not leave it signed in for two weeks.
 */
export const SESSION_IDLE_MINUTES = 120;

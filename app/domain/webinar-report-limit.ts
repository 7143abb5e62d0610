// The largest webinar report a trainer may upload, apart from its parser (webinar-report.ts), whose
// CSV and encoding libraries are for the server: the page's file input reads this in the browser.
export const MAX_REPORT_BYTES = 2 * 1024 * 1024;

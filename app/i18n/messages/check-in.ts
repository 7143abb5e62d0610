// QR self check-in and trainers' assignment to events.
export const it = {} as const;
export const en: Record<keyof typeof it, string> = {};

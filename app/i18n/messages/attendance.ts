// Trainer's area: registers, webinar report import, asynchronous activities, progress, closing.
export const it = {} as const;
export const en: Record<keyof typeof it, string> = {};

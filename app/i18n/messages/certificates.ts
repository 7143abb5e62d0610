// Certificates (attestati), their public verification, the satisfaction questionnaire.
export const it = {} as const;
export const en: Record<keyof typeof it, string> = {};

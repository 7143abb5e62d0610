// After a failed parse of a page's intent union (one Zod discriminated union on `intent` per
// multi-intent action): which of the union's intents failed on its other fields, or null when the
// intent itself is missing or not one of the page's buttons (the action answers 400 "bad request").
export function failedIntentOf(submission: {
  payload: Record<string, unknown>;
  error?: Record<string, string[] | null> | null;
}): string | null {
  if (submission.error?.intent) return null;
  const intent = submission.payload.intent;
  return typeof intent === "string" ? intent : null;
}

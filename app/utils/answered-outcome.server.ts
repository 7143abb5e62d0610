// The outcome of an action whose answer is the page itself (no redirect: a token's page, a form that sends the page
// back), for the page's <title> (pageTitle, app/i18n/meta.ts). The route's meta sees no action data, only its loader's:
// on a document POST (no JavaScript) the loaders run after the action in the same request, with the same context, so
// the action leaves its outcome there and the loader hands it on (`answeredOutcome`). In the browser the router's
// action data holds it (`titleOutcome`). ADR 0086, addendum 07/12/2026.
import type { AppLoadContext } from "@remix-run/node";
import type { MessageKey } from "~/i18n/messages.ts";

const answered = new WeakMap<object, MessageKey>();

/** The action's outcome for the title: kept for this request's loaders; spread into the action's data. */
export function answerOutcome(context: AppLoadContext | undefined, outcome: MessageKey): { titleOutcome: MessageKey } {
  if (context) answered.set(context, outcome);
  return { titleOutcome: outcome };
}

/** The outcome this request's action answered with (answerOutcome), to spread into the loader's data; {} without. */
export function answeredOutcome(context: AppLoadContext | undefined): { answeredOutcome?: MessageKey } {
  const outcome = context && answered.get(context);
  return outcome ? { answeredOutcome: outcome } : {};
}

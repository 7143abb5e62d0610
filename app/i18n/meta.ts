// Page titles in the interface's language: every route's meta goes through pageTitle, which reads
// the locale the root loader chose (matches) and the titles catalogue (messages/titles.ts).
import type { Locale } from "~/domain/vocabulary.ts";
import { asLocale, translator } from "./i18n.tsx";
import type { MessageKey } from "./messages.ts";

type Match = { id: string; data?: unknown };

/** The interface language of the page being rendered (the root loader's choice; Italian without it). */
export function localeOfMatches(matches: readonly Match[] | undefined): Locale {
  const root = matches?.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  return asLocale(root?.locale);
}

/**
 * "<page> · <subject> · Forma", translated: pageTitle(matches, "title.myEnrolments") or with the event's title.
 * With `outcome` (the message key of what the person just did, which the page shows in its OutcomeNotice), the title
 * starts with it: "Iscrizione confermata – Le mie iscrizioni · Forma", read first on the page load after the action's
 * redirect (GOV.UK's pattern; a notice already in the page when it loads is not announced). Not after a submission that
 * the page answered itself (a refusal, with the earlier success still in the URL): the page hides that success
 * (useSuccessInUrl), and so does the title; the title then starts with the outcome that answer gave, if any
 * (answeredOutcome: a page whose action answers with the page itself, as a token's page does).
 */
export function pageTitle(
  matches: readonly Match[] | undefined,
  key: MessageKey,
  subject?: string | null,
  outcome?: MessageKey | null,
): string {
  const t = translator(localeOfMatches(matches));
  const page = [t(key), subject?.trim() || null, "Forma"].filter(Boolean).join(" · ");
  const shown = answeredSubmission(matches) ? answeredOutcomeOf(matches) : outcome;
  return shown ? `${t(shown)} – ${page}` : page;
}

/**
 * The outcome the page's own action answered with (its message key), when the page is drawn as that answer: on the
 * server the route's loader gives it (`answeredOutcome`, app/utils/answered-outcome.server.ts: the loaders of a
 * document POST run after its action), in the browser the action's data in the router (`titleOutcome`).
 */
export function answeredOutcomeOf(matches: readonly Match[] | undefined): MessageKey | null {
  const page = matches?.[matches.length - 1];
  if (!page) return null;
  const loaded = (page.data as { answeredOutcome?: MessageKey | null } | undefined)?.answeredOutcome;
  if (loaded) return loaded;
  const answer = browserActionData()?.[page.id] as { titleOutcome?: MessageKey } | undefined;
  return answer?.titleOutcome ?? null;
}

/**
 * The action data the browser's router holds (by route id), null when the page was not drawn as a form's answer or on
 * the server. Remix v2 keeps its router on `window.__remixRouter` (React Router 7: `__reactRouterDataRouter`).
 */
function browserActionData(): Record<string, unknown> | null {
  if (typeof window === "undefined") return null;
  const router = (window as unknown as { __remixRouter?: { state: { actionData: Record<string, unknown> | null } } })
    .__remixRouter;
  return router?.state.actionData ?? null;
}

/**
 * Whether the page is drawn as the answer to a form it was sent (action data, not a redirect): on the server the root
 * loader says so (a document POST's loaders run after its action); in the browser the router holds the action's data.
 */
function answeredSubmission(matches: readonly Match[] | undefined): boolean {
  const root = matches?.find((m) => m.id === "root")?.data as { answersSubmission?: boolean } | undefined;
  if (root?.answersSubmission) return true;
  return browserActionData() !== null;
}

/** A page search engines must not index (a token's page, a certificate's check): its title and robots "noindex". */
export function unindexedPageMeta(matches: readonly Match[] | undefined, key: MessageKey) {
  return [{ title: pageTitle(matches, key) }, { name: "robots", content: "noindex" }];
}

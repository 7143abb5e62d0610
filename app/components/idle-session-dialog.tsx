// The idle warning of a session not kept on the device (ADR 0094, WCAG 2.1 SC 2.2.1 Timing Adjustable).
// SESSION_WARNING_MINUTES before the session's idle end a modal alert dialog says so, counts down and
// offers "Mantieni l'accesso" (POST /sessione/rinnova) and "Esci"; once the end has passed (a laptop
// asleep) it says the session ended and opens the sign-in in a new tab, so that nothing typed on this
// page is lost: signed in again there, this page's form is sent with the new cookie.
//
// Every tab of the browser shares one idle end through localStorage: a page that receives the root's
// data (a request that may have moved the end) writes it, the others take it if later, so a request in
// one tab moves every tab's timer and "Mantieni l'accesso" in one closes the dialog in all. Before it shows
// anything the dialog asks the server (GET /sessione, which moves nothing): requests that did not reload
// the root's data may have moved the end, another device may have ended the session.
import { Form, useRouteLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  idlePhase,
  SESSION_IDLE_MINUTES,
  SESSION_RESUMED_PATH,
  type IdleSessionAnswer,
} from "~/domain/session-lifetime.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import { signInPath } from "~/utils/sign-in-link.ts";

/** The localStorage entry every tab reads and writes: { userId, deadline } (epoch milliseconds). */
export const IDLE_END_STORAGE_KEY = "forma.sessione.fineInattivita";
/** The longest single wait of the timer: a computer that slept through it is noticed within a minute. */
const LONGEST_WAIT_MS = 60_000;

type View = "none" | "warning" | "ended" | "dismissed";

export function IdleSessionDialog({ userId, secondsLeft }: { userId: string; secondsLeft: number }) {
  const t = useT();
  const [deadline, setDeadline] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [view, setView] = useState<View>("none");
  const [unreachable, setUnreachable] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const focusBefore = useRef<HTMLElement | null>(null);
  const asking = useRef(false);
  const viewNow = useRef(view);
  viewNow.current = view;

  /** Takes an idle end and tells the other tabs when it is later than the one they share. */
  const adopt = useCallback(
    (end: number) => {
      setDeadline(end);
      setNow(Date.now());
      if (end > sharedDeadline(userId)) writeShared(userId, end);
    },
    [userId],
  );

  // The root's data: the server's seconds left when this page (or its last revalidation) was answered.
  useEffect(() => {
    const end = Date.now() + secondsLeft * 1000;
    adopt(Math.max(end, sharedDeadline(userId)));
  }, [adopt, secondsLeft, userId]);

  // Another tab's request or "Mantieni l'accesso" (or a sign-in again after the end).
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== IDLE_END_STORAGE_KEY) return;
      const end = sharedDeadline(userId);
      setDeadline((mine) => (mine === null || end > mine ? end : mine));
      setNow(Date.now());
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [userId]);

  /** Asks the server where the session stands before showing (or changing) the dialog. */
  const ask = useCallback(
    async (request: () => Promise<Response>, whenUnreachable: View) => {
      if (asking.current) return;
      asking.current = true;
      try {
        const response = await request();
        const answer = (await response.json()) as IdleSessionAnswer;
        setUnreachable(false);
        if (answer.ended) return setView("ended");
        if (answer.secondsLeft === null) return setView("none"); // kept on the device meanwhile
        const end = Date.now() + answer.secondsLeft * 1000;
        adopt(end);
        const phase = idlePhase(end, Date.now()).kind;
        setView(phase === "active" ? "none" : phase);
      } catch {
        setUnreachable(true);
        setView(whenUnreachable);
      } finally {
        asking.current = false;
      }
    },
    [adopt],
  );

  const stay = useCallback(() => {
    void ask(
      () =>
        fetch("/sessione/rinnova", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: "",
        }),
      "warning",
    );
  }, [ask]);

  // The timer: one wait until the next moment that matters, never longer than a minute.
  useEffect(() => {
    if (deadline === null) return;
    const phase = idlePhase(deadline, now);
    if (phase.kind === "active") {
      if (view !== "none") setView("none");
      const timer = setTimeout(() => setNow(Date.now()), Math.min(phase.warnInMs, LONGEST_WAIT_MS));
      return () => clearTimeout(timer);
    }
    if (view === "none" || (phase.kind === "ended" && view === "warning")) {
      const local = phase.kind;
      void ask(() => fetch("/sessione", { credentials: "same-origin" }), local);
      return;
    }
    if (view === "warning") {
      const timer = setTimeout(() => setNow(Date.now()), 1000);
      return () => clearTimeout(timer);
    }
  }, [ask, deadline, now, view]);

  // Open as a modal (the page behind is inert), focus on the first action; closed, focus goes back.
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const shown = view === "warning" || view === "ended";
    if (shown && !element.open) {
      focusBefore.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    }
    if (shown) element.querySelector<HTMLElement>("[data-primary]")?.focus();
    if (!shown && element.open) {
      element.close();
      focusBefore.current?.focus();
      focusBefore.current = null;
    }
  }, [view]);

  // Escape: stay signed in (or, once ended, back to the page). Chromium may close the dialog on a second
  // Escape whatever the page says: the same then.
  const onEscape = useCallback(() => {
    if (viewNow.current === "warning") stay();
    else if (viewNow.current === "ended") setView("dismissed");
  }, [stay]);

  const phase = deadline === null ? null : idlePhase(deadline, now);
  const left = phase?.kind === "warning" ? phase.secondsLeft : 0;
  const ended = view === "ended" || view === "dismissed";
  const hours = SESSION_IDLE_MINUTES / 60;
  return (
    <>
      {view === "dismissed" ? (
        <div className="alert alert-warning idle-session-notice" role="status">
          <p className="mb-2">{t("session.ended.title")}</p>
          <SignInAgain />
        </div>
      ) : null}
      <dialog
        ref={dialog}
        className="idle-session-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-session-title"
        aria-describedby="idle-session-text"
        onCancel={(event) => {
          event.preventDefault();
          onEscape();
        }}
        onClose={() => {
          if (viewNow.current === "warning" || viewNow.current === "ended") onEscape();
        }}
        data-testid="idle-session-dialog"
      >
        <h2 id="idle-session-title" className="h4">
          {t(ended ? "session.ended.title" : "session.idle.title")}
        </h2>
        <p id="idle-session-text">{ended ? t("session.ended.text") : t("session.idle.text", { hours })}</p>
        {ended ? null : (
          <>
            <p role="timer" className="fw-semibold">
              {t("session.idle.timeLeft", { time: clockTime(left) })}
            </p>
            <p className="visually-hidden" aria-live="polite">
              {view === "warning" ? t("session.idle.minutesLeft", { minutes: Math.ceil(left / 60) }) : ""}
            </p>
          </>
        )}
        {unreachable ? (
          <p className="text-danger" role="alert">
            {t("session.idle.stayFailed")}
          </p>
        ) : null}
        {ended ? (
          <div className="d-flex flex-wrap gap-2">
            <SignInAgain primary />
            <button type="button" className="btn btn-outline-primary" onClick={() => setView("dismissed")}>
              {t("session.ended.back")}
            </button>
          </div>
        ) : (
          <div className="d-flex flex-wrap gap-2">
            <button data-primary type="button" className="btn btn-primary" onClick={stay}>
              {t("session.idle.stay")}
            </button>
            <Form method="post" action="/esci">
              <button type="submit" className="btn btn-outline-primary">
                {t("session.idle.signOut")}
              </button>
            </Form>
          </div>
        )}
      </dialog>
    </>
  );
}

/**
 * The sign-in in a new tab, coming back to a page that says to return here (this page stays as it is); both in
 * this page's language, which a signed-out tab would not know otherwise (no preference read, maybe no cookie).
 */
function SignInAgain({ primary = false }: { primary?: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <a
      data-primary={primary || undefined}
      className="btn btn-primary"
      href={signInPath(`${SESSION_RESUMED_PATH}?lang=${locale}`)}
      target="_blank"
      rel="noopener"
    >
      {t("session.ended.signIn")} <span className="visually-hidden">{t("session.ended.newTab")}</span>
    </a>
  );
}

/** "4:05": minutes and seconds left. */
function clockTime(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function sharedDeadline(userId: string): number {
  try {
    const shared = JSON.parse(localStorage.getItem(IDLE_END_STORAGE_KEY) ?? "null") as {
      userId?: unknown;
      deadline?: unknown;
    } | null;
    return shared?.userId === userId && typeof shared.deadline === "number" ? shared.deadline : 0;
  } catch {
    return 0; // storage refused (private mode, quota): this tab counts alone
  }
}

function writeShared(userId: string, deadline: number) {
  try {
    localStorage.setItem(IDLE_END_STORAGE_KEY, JSON.stringify({ userId, deadline }));
  } catch {
    // storage refused: this tab counts alone
  }
}

/**
 * On a long form, without JavaScript (no dialog then): the idle end, said once above the form. Only for
 * a session not kept on the device.
 */
export function IdleSessionNoScriptNote() {
  const t = useT();
  const root = useRouteLoaderData<{ user: { idleSecondsLeft: number | null } | null }>("root");
  if (!root?.user || root.user.idleSecondsLeft === null) return null;
  return (
    <noscript>
      <p className="small">{t("session.noScript", { hours: SESSION_IDLE_MINUTES / 60 })}</p>
    </noscript>
  );
}

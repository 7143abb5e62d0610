import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/**
 * Reloads the route's data every `seconds` while `active` and the tab is visible (the QR check-in
 * pages: a new code before the shown one expires). Pages that must also refresh without
 * JavaScript add a <noscript> meta refresh.
 */
export function useRevalidateEvery(seconds: number, active: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => {
      if (revalidator.state === "idle" && document.visibilityState === "visible") revalidator.revalidate();
    }, seconds * 1000);
    return () => window.clearInterval(timer);
  }, [active, seconds, revalidator]);
}

// What the email-confirmation page (/conferma-email/<token>) says when its link can no longer confirm, with the
// way forward: a used link means the address is already confirmed (sign in); an expired one, how to get a new
// link (sign in and ask for it from the profile); a broken one, to check it was copied whole.
import { Link } from "@remix-run/react";
import { spentLinkMessage, type SpentLinkState } from "~/components/token-link-problem.ts";
import { useT } from "~/i18n/i18n.tsx";
import { signInPath } from "~/utils/sign-in-link.ts";

export function SpentConfirmationLink({ state, returnTo }: { state: SpentLinkState; returnTo: string | null }) {
  const t = useT();
  if (state === "used") {
    return (
      <div className="alert alert-info" role="status" data-testid="confirm-link-spent">
        <p>
          {t("account.token.used")} {t("account.confirm.used")}
        </p>
        <p className="mb-0">
          <Link to={returnTo ? signInPath(returnTo) : "/accedi"}>{t("auth.signup.sentSignIn")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="alert alert-warning" role="alert" data-testid="confirm-link-spent">
      <p className={state === "expired" ? undefined : "mb-0"}>
        {t(spentLinkMessage(state))} {state === "expired" ? t("account.confirm.expiredHint") : null}
      </p>
      {state === "expired" ? (
        <p className="mb-0">
          {t("account.confirm.expiredNext")} <Link to={signInPath("/profilo")}>{t("account.confirm.askAgain")}</Link>
        </p>
      ) : null}
    </div>
  );
}

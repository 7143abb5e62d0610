// For an account without a password (made with SPID/CIE, ADR 0082): what it does instead of typing
// the current password. Until its owner has signed in again with one of the account's identities,
// a button per provider (POST /auth/oidc/<provider>, intent "conferma", back to `returnTo`); after,
// a status that says so and the form it unlocks.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n/i18n.tsx";

export function IdentityConfirmation({
  providers,
  confirmed,
  returnTo,
  intro,
  confirmedText,
  children,
}: {
  providers: { id: string; label: string }[];
  confirmed: boolean;
  /** Where the provider sends the person back (a path of this site). */
  returnTo: string;
  intro: string;
  confirmedText: string;
  /** What the confirmation unlocks. */
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <div data-testid="identity-confirmation">
      <p>{intro}</p>
      {confirmed ? (
        <>
          <div className="alert alert-success" role="status">
            {confirmedText}
          </div>
          {children}
        </>
      ) : (
        providers.map((provider) => (
          <Form key={provider.id} method="post" action={`/auth/oidc/${provider.id}`} className="mb-2">
            <input type="hidden" name="intent" value="conferma" />
            <input type="hidden" name="redirectTo" value={returnTo} />
            <button type="submit" className="btn btn-outline-primary">
              {t("profile.close.identityButton", { provider: provider.label })}
            </button>
          </Form>
        ))
      )}
    </div>
  );
}

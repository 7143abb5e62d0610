// How a sign-in provider (SPID, CIE, EU Login… configured in OIDC_PROVIDERS, ADR 0014) is named to a reader: its
// configured label, and its English one (labelEn, optional) to a reader in English. The pages name it in the
// interface's language, the emails in the recipient's: an email's payload keeps both labels as configured when it was
// queued, and the template picks one when it is written, in the language of the recipient then.
import type { Locale } from "./vocabulary.ts";

/** A provider's names as configured: label (Italian, and every language without its own) and labelEn. */
export type ProviderName = { label: string; labelEn?: string };

/** The label a reader in this language reads: the English one when there is one and the reader reads English. */
export function providerLabelIn(name: ProviderName, locale: Locale): string {
  return locale === "en" && name.labelEn ? name.labelEn : name.label;
}

/** The names to keep (in a payload): the label and, when configured, the English one; nothing else of the config. */
export function providerNameOf(provider: ProviderName): ProviderName {
  return provider.labelEn ? { label: provider.label, labelEn: provider.labelEn } : { label: provider.label };
}

/**
 * Providers an account's identities came through that are no longer configured (removed from OIDC_PROVIDERS), for a
 * text that must say why the account has no way in left: they have no label any more and no button, so they are
 * named as what they were, with their id in brackets (what the account shows and the national unit can look up),
 * never as a button to press. "un fornitore di identità che Forma non offre più (spid-old)".
 */
export function goneProvidersText(ids: readonly string[], locale: Locale): string {
  const list = ids.join(", ");
  if (locale === "en") {
    return ids.length === 1
      ? `an identity provider Forma no longer offers (${list})`
      : `identity providers Forma no longer offers (${list})`;
  }
  return ids.length === 1
    ? `un fornitore di identità che Forma non offre più (${list})`
    : `fornitori di identità che Forma non offre più (${list})`;
}

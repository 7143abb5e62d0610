// What a page opened from an emailed link says when the link cannot be used any more: one wording for
// every such page (confirmation, new address, password reset, address restored).
import type { MessageKey } from "~/i18n/messages.ts";

export type SpentLinkState = "used" | "expired" | "unknown";

export function spentLinkMessage(state: SpentLinkState): MessageKey {
  return state === "used"
    ? "account.token.used"
    : state === "expired"
      ? "account.token.expired"
      : "account.token.unknown";
}

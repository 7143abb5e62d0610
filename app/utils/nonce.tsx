// The per-request CSP nonce (app/utils/http-app.server.ts makes it, entry.server.tsx provides it):
// Remix's inline scripts carry it so that the Content-Security-Policy can refuse every other one.
// In the browser the value is empty (browsers hide nonce attributes), which React accepts.
import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}

/**
 * Remix's future flags, all of v3 on (the move to React Router is then mechanical): read by
 * vite.config.ts for the build, and by bench/lib/remix-floor.ts, whose hand-made server build must
 * run Remix the way Forma's does.
 */
export const REMIX_FUTURE_FLAGS = {
  v3_fetcherPersist: true,
  v3_relativeSplatPath: true,
  v3_throwAbortReason: true,
  v3_singleFetch: true,
  v3_lazyRouteDiscovery: true,
  v3_routeConfig: true,
} as const;

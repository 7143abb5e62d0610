// Shared helpers for the e2e specs: import { loginAs, expectNoA11yViolations, … } from "./support/index.ts".
export * from "./accounts.ts";
export * from "./auth.ts";
export * from "./a11y.ts";
export * from "./catalogue.ts";
export * from "./workshop.ts";
export * from "./hydration.ts";

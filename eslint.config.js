// ESLint (flat config): TypeScript rules, React hooks rules and jsx-a11y accessibility rules.
// Formatting is Prettier's job (.prettierrc.json); both run in `npm test` (npm run lint).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "build/**",
      "app/generated/**",
      "public/**",
      "tests/.tmp/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      // An effect written `() => element.scrollIntoView()` returns what the call returns, and React calls a
      // returned value as the effect's cleanup. Chromium's scroll methods now return a Promise: a row's outcome
      // on /admin/utenti crashed the page's render ("n is not a function") on the next action. An effect body
      // is a block, or an arrow that returns the cleanup function.
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.name=/^use(Layout)?Effect$/] > ArrowFunctionExpression[body.type!='BlockStatement'][body.type!='ArrowFunctionExpression']",
          message:
            "An effect's arrow returns its expression's value, which React calls as the cleanup: write the body as a block { … }.",
        },
      ],
    },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
);

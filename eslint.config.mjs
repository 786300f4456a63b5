/**
 * ESLint flat config picked up by `office-addin-lint check` (v3 looks for ./eslint.config.mjs in the project
 * root and falls back to its own config otherwise; it lints `src/**\/*.{ts,tsx,js,jsx}`).
 *
 * - The office-addins rules (load before read, sync after load, no sync in a loop, isNullObject …) are ALL
 *   errors here, on .ts and .tsx alike (the plugin's recommended set only matches .ts/.js and keeps some
 *   of them as warnings).
 * - src/file/** is the ExcelJS adapter and never touches office-js; ExcelJS's Cell API has the same method names
 *   (getCell, style, note …) that the office-addins rules use to recognise office-js proxies, so the proxy rules
 *   are off there (they can only misfire) — and in the tests that read or build workbooks with ExcelJS
 *   (test/cli/**, test/file/**, test/hostile/**), and in the fake's own test, which reads before sync on
 *   purpose to prove the fake refuses it as Excel does.
 * - React hooks rules for the pane and the page (rules-of-hooks is an error; exhaustive-deps a warning).
 * - prettier/prettier is off: formatting is not a correctness gate in this repository (the code base uses
 *   single quotes and 120 columns, Prettier's defaults would flag every file).
 * - no-undef is off for TypeScript: the compiler already resolves every name (globals such as `Excel`,
 *   `Office`, `document` come from the type packages).
 * - no-irregular-whitespace ignores strings, templates, comments and JSX text: the ideographic space U+3000 is
 *   ordinary Chinese typography there.
 */
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
import tsPlugin from "@typescript-eslint/eslint-plugin";
import prettierPlugin from "eslint-plugin-prettier";
import reactHooks from "eslint-plugin-react-hooks";

const officeRules = {
  "office-addins/call-sync-after-load": "error",
  "office-addins/call-sync-before-read": "error",
  "office-addins/load-object-before-read": "error",
  "office-addins/no-context-sync-in-loop": "error",
  "office-addins/no-empty-load": "error",
  "office-addins/no-navigational-load": "error",
  "office-addins/no-office-initialize": "error",
  "office-addins/test-for-null-using-isNullObject": "error",
};

export default [
  ...officeAddins.configs.recommended,
  {
    files: ["**/*.{js,mjs,cjs,jsx,ts,tsx,cts,mts}"],
    plugins: {
      "office-addins": officeAddins,
      "@typescript-eslint": tsPlugin,
      prettier: prettierPlugin,
      "react-hooks": reactHooks,
    },
    languageOptions: {
      parser: tsParser,
      ecmaVersion: "latest",
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: {
      ...officeRules,
      "prettier/prettier": "off",
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-irregular-whitespace": [
        "error",
        { skipStrings: true, skipTemplates: true, skipComments: true, skipRegExps: true, skipJSXText: true },
      ],
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  {
    files: ["**/*.{ts,tsx,cts,mts}"],
    rules: { "no-undef": "off" },
  },
  {
    files: ["src/file/**", "test/cli/**", "test/file/**", "test/hostile/**", "test/excel/fake-excel.test.ts"],
    rules: {
      "office-addins/call-sync-after-load": "off",
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
      "office-addins/no-navigational-load": "off",
      "office-addins/test-for-null-using-isNullObject": "off",
    },
  },
];

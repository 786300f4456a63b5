/**
 * ESLint flat config picked up by `office-addin-lint check` (v3 looks for ./eslint.config.mjs in the project
 * root and falls back to its own config otherwise; it lints `src/**\/*.{ts,tsx,js,jsx}`).
 *
 * - The office-addins rules (load before read, sync after load, no sync in a loop, isNullObject …) are ALL
 *   errors here, on .ts and .tsx alike (the plugin's recommended set only matches .ts/.js and keeps some
 *   of them as warnings).
 * - prettier/prettier is off: formatting is not a correctness gate in this repository (the code base uses
 *   single quotes and 120 columns, Prettier's defaults would flag every file).
 * - no-undef is off for TypeScript: the compiler already resolves every name (globals such as `Excel`,
 *   `Office`, `document` come from the type packages).
 */
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
import tsPlugin from "@typescript-eslint/eslint-plugin";
import prettierPlugin from "eslint-plugin-prettier";

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
    plugins: { "office-addins": officeAddins, "@typescript-eslint": tsPlugin, prettier: prettierPlugin },
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
    },
  },
  {
    files: ["**/*.{ts,tsx,cts,mts}"],
    rules: { "no-undef": "off" },
  },
];

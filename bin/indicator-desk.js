#!/usr/bin/env node
'use strict';
// The CLI is TypeScript compiled to build/ by `npm run build:cli` (run by `npm install` via `prepare`).
let main;
try {
  ({ main } = require('../build/src/cli/main.js'));
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
    console.error('indicator-desk: 尚未编译命令行工具，请先运行 npm run build:cli（The CLI is not built yet: run `npm run build:cli`).');
    process.exit(2);
  }
  throw e;
}
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(2);
  },
);

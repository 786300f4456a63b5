#!/usr/bin/env node
'use strict';
// The CLI is TypeScript compiled to build/ by `npm run build:cli` (run by `npm install` via `prepare`).
//
// The process is never ended with process.exit(): writes to a pipe are asynchronous, and exiting while they
// are queued cuts the output off at the pipe's buffer (64 KB) — `check --json | …` gave half a JSON document.
// The exit code is set instead and Node ends by itself once stdout, stderr and every file are written.

// A reader that stops early (`| head`) closes the pipe: the rest of the output has nowhere to go, which is
// not a failure of the check (the exit code still says what was found).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (!e || e.code !== 'EPIPE') throw e;
  });
}

// Exit codes 0 and 1 say what the workbooks hold. A run that ends before main has answered (an exception thrown
// outside it, which Node ends with 1, or work that stopped without settling) has no answer: it ends with 2.
let answered = false;
process.on('uncaughtExceptionMonitor', () => {
  answered = false; // even after main answered: what it wrote may be incomplete
});
process.on('exit', () => {
  if (answered) return;
  process.stderr.write('indicator-desk：命令未执行完就结束了（内部错误），本次结果不可信，请重新运行；如仍出现，请报告此问题。\n');
  process.exitCode = 2;
});

let main;
try {
  ({ main } = require('../build/src/cli/main.js'));
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
    console.error('indicator-desk: 尚未编译命令行工具，请先运行 npm run build:cli（The CLI is not built yet: run `npm run build:cli`).');
    process.exitCode = 2;
    answered = true;
    main = null;
  } else {
    throw e;
  }
}
if (main) {
  main(process.argv.slice(2)).then(
    (code) => {
      answered = true;
      process.exitCode = code;
    },
    (err) => {
      answered = true;
      console.error(err && err.stack ? err.stack : String(err));
      process.exitCode = 2;
    },
  );
}

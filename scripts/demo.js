#!/usr/bin/env node
'use strict';
// `npm run demo`: check the bundled sample workbook and write its report. The sample has planted errors, so both
// commands exit 1 (open errors found), which is what the demo shows and must not make npm report a failure;
// any other code (2: a file could not be read or written) still fails the demo.
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
const run = (args) => {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/indicator-desk.js'), ...args], { cwd: root, stdio: 'inherit' });
  return r.status ?? 2;
};
const codes = [
  run(['check', 'assets/samples/周营镇-2023-指标.xlsx']),
  run(['report', 'assets/samples/周营镇-2023-指标.xlsx', '--out', 'out/周营镇-2023-审核.xlsx', '--docx', 'out/周营镇-2023-报告.docx']),
];
process.exitCode = codes.every((c) => c === 0 || c === 1) ? 0 : 2;

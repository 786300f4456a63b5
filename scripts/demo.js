#!/usr/bin/env node
'use strict';
// `npm run demo`: check the bundled sample workbook and write its report. The sample has planted errors, so both
// commands exit 1 (open errors found), which is what the demo shows and must not make npm report a failure;
// any other code (2: a file could not be read or written) still fails the demo.
// `node scripts/demo.js <folder>` writes the two files into that folder instead of out/ (the tests do).
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
const outDir = process.argv[2] ?? 'out';
const SAMPLE = 'assets/samples/周营镇-2023-指标.xlsx';
const cli = (args, stdout) => spawnSync(process.execPath, [path.join(root, 'bin/indicator-desk.js'), ...args], { cwd: root, stdio: ['inherit', stdout, 'inherit'] });

const checked = cli(['check', SAMPLE], 'inherit');
const reported = cli(['report', SAMPLE, '--out', path.join(outDir, '周营镇-2023-审核.xlsx'), '--docx', path.join(outDir, '周营镇-2023-报告.docx')], 'pipe');
// `report` opens with the file's 小结 line, which `check` has just printed: the demo shows it once.
const lines = String(reported.stdout ?? '').split('\n');
process.stdout.write(lines.filter((l) => !l.startsWith('小结（')).join('\n'));
const codes = [checked.status ?? 2, reported.status ?? 2];
process.exitCode = codes.every((c) => c === 0 || c === 1) ? 0 : 2;

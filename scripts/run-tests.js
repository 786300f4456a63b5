#!/usr/bin/env node
/**
 * `npm test`: everything CI runs, in order, then one totals line `N passed, N failed`.
 *   1. system packages the tests need (Chromium, CJK fonts, LibreOffice Writer and Calc, poppler, xmllint): installed with
 *      apt-get when missing and we are root; otherwise the tests that need them say so and fail.
 *   2. gates: type check (whole project, and src/core with no DOM/Node types), office-addin-lint, builds.
 *   3. jest: unit, integration, hostile-input and browser (e2e) tests.
 * Each gate counts as one test in the totals, so a lint error is a visible failure, not a silent one.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
process.chdir(root);
const args = process.argv.slice(2);
const jestArgs = args.filter((a) => a !== '--no-gates');
const runGates = !args.includes('--no-gates');

function run(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: process.env, ...opts });
  return r.status === 0;
}
function has(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

// 1. system packages
const need = [
  ['chromium', 'chromium'],
  ['fc-list', 'fontconfig'],
  ['soffice', 'libreoffice-writer-nogui'],
  ['pdftoppm', 'poppler-utils'],
  ['xmllint', 'libxml2-utils'],
  ['unzip', 'unzip'],
];
const missing = need.filter(([bin]) => !has(bin)).map(([, pkg]) => pkg);
// LibreOffice Calc: it opens the result copies and recomputes their formulas (test/file/package.test.ts)
if (!fs.existsSync('/usr/lib/libreoffice/program/libsclo.so')) missing.push('libreoffice-calc-nogui');
const cjk = has('fc-list') && spawnSync('sh', ['-c', 'fc-list :lang=zh | grep -qi noto'], { stdio: 'ignore' }).status === 0;
if (!cjk) missing.push('fonts-noto-cjk');
// LibreOffice Calc saves the samples as .xls/.ods/.csv for the format parity tests (test/file/formats.test.ts)
const calc = spawnSync('sh', ['-c', 'ls /usr/lib/libreoffice/program/libsclo.so /opt/libreoffice*/program/libsclo.so 2>/dev/null | grep -q .'], { stdio: 'ignore' }).status === 0;
if (!calc) missing.push('libreoffice-calc-nogui');
if (missing.length) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    console.log(`[setup] installing ${missing.join(' ')} with apt-get`);
    run('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')} >/dev/null`]);
  } else {
    console.log(`[setup] missing system packages: ${missing.join(' ')} (run as root, or: sudo apt-get install ${missing.join(' ')})`);
  }
}

// 2. gates
const gates = runGates
  ? [
      ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
      ['core is host-neutral', 'npx', ['tsc', '-p', 'tsconfig.core.json']],
      ['office-addin-lint', 'npx', ['office-addin-lint', 'check']],
      ['build:cli', 'npx', ['tsc', '-p', 'tsconfig.cli.json']],
      ['webpack production build', 'npx', ['webpack', '--mode', 'production']],
    ]
  : [];
let gatePassed = 0;
let gateFailed = 0;
for (const [name, cmd, cmdArgs] of gates) {
  console.log(`\n[gate] ${name}`);
  if (run(cmd, cmdArgs)) gatePassed++;
  else {
    gateFailed++;
    console.log(`[gate] FAILED: ${name}`);
  }
}

// 3. jest
fs.mkdirSync('test-results', { recursive: true });
const out = path.join('test-results', 'jest.json');
try { fs.unlinkSync(out); } catch { /* first run */ }
run('npx', ['jest', '--json', `--outputFile=${out}`, ...jestArgs]);
let passed = 0;
let failed = 0;
try {
  const r = JSON.parse(fs.readFileSync(out, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
} catch {
  console.log('[jest] no result file: jest did not run');
  failed += 1;
}
passed += gatePassed;
failed += gateFailed;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

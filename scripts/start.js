#!/usr/bin/env node
/**
 * `npm start`: sideload the add-in into desktop Excel and start the dev server (office-addin-debugging).
 * Desktop Excel exists only on Windows and macOS. On Linux (and anywhere without it) this says so plainly and
 * explains how to use the add-in instead, rather than failing with an obscure error.
 */
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const manifest = path.join(root, 'manifest.xml');
const args = process.argv.slice(2);

if (process.platform !== 'win32' && process.platform !== 'darwin') {
  console.log(
    [
      `没有桌面版 Excel：当前系统是 ${process.platform}，office-addin-debugging 只能把加载项旁加载到 Windows 或 macOS 上的 Excel。`,
      'There is no desktop Excel on this system, so the add-in cannot be sideloaded automatically. Instead:',
      '',
      '  1. npm run dev-server            # serves https://localhost:3000 (creates a localhost certificate on first run)',
      '  2. Open Excel on the web (https://www.office.com → Excel), open a workbook,',
      '     Home → Add-ins → More Add-ins → My Add-ins → Upload My Add-in → choose manifest.xml from this folder.',
      '     (The browser must trust the localhost certificate: run `npx office-addin-dev-certs install` once.)',
      '  3. The 审核指标 button appears on the Home tab.',
      '',
      'Without Excel at all: npm run build, then open dist/index.html (the standalone page works offline on .xlsx files),',
      'or use the command line: node bin/indicator-desk.js check <workbook.xlsx>.',
    ].join('\n'),
  );
  process.exit(0);
}

const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'office-addin-debugging.cmd' : 'office-addin-debugging');
const child = spawn(bin, ['start', manifest, ...args], { stdio: 'inherit', cwd: root, shell: process.platform === 'win32' });
child.on('exit', (code) => process.exit(code ?? 1));
child.on('error', (e) => {
  console.error(`无法启动 office-addin-debugging：${e.message}`);
  process.exit(1);
});

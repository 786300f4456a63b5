/** Size of what the task pane loads before it can be used: the scripts taskpane.html references. */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import type { Metric } from './run';

export function initialScripts(dist: string, html: string): string[] {
  const text = fs.readFileSync(path.join(dist, html), 'utf8');
  // html-webpack-plugin minifies attributes: src="a.js", src='a.js' and src=a.js all occur.
  return [...text.matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)]
    .map((m) => m[1] ?? m[2] ?? m[3])
    .filter((src) => !/^https?:/.test(src))
    .map((src) => path.join(dist, src.replace(/^\.?\//, '')));
}

export function bundleMetrics(dist: string): Metric[] {
  if (!fs.existsSync(path.join(dist, 'taskpane.html'))) {
    console.log('[bench] dist/taskpane.html missing: run `npm run build` first; bundle size not measured');
    return [];
  }
  const files = initialScripts(dist, 'taskpane.html');
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const b = fs.readFileSync(f);
    raw += b.length;
    gz += zlib.gzipSync(b, { level: 9 }).length;
  }
  return [
    { name: 'task pane initial JS, raw', value: Math.round(raw / 1024), unit: 'KB' },
    { name: 'task pane initial JS, gzipped', value: Math.round(gz / 1024), unit: 'KB', target: '≤ 200 KB', ok: gz <= 200 * 1024 },
  ];
}

/**
 * The production build (dist/, made by `npm run build`; `npm test` builds it before jest runs):
 * the task pane loads office.js and stays small, the standalone page needs no network at all.
 */
import * as fs from 'fs';
import * as path from 'path';

const dist = path.resolve(__dirname, '..', 'dist');

function read(file: string): string {
  const p = path.join(dist, file);
  if (!fs.existsSync(p)) throw new Error(`dist/${file} is missing: run \`npm run build\` first (npm test does).`);
  return fs.readFileSync(p, 'utf8');
}

interface EntryReport {
  files: string[];
  raw: number;
  gzip: number;
  heavyModules: string[];
}

function report(): Record<string, EntryReport> {
  return JSON.parse(read('bundle-report.json')) as Record<string, EntryReport>;
}

function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\bsrc=["']?([^"' >]+)/gi)].map((m) => m[1]);
}

describe('production build', () => {
  test('the task pane loads office.js once, from Microsoft, before its own scripts', () => {
    const srcs = scriptSources(read('taskpane.html'));
    const office = srcs.filter((s) => /office\.js$/.test(s));
    expect(office).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js']);
    expect(srcs.indexOf(office[0])).toBe(0);
    expect(srcs.some((s) => /^taskpane\.[0-9a-f]+\.js$/.test(s))).toBe(true);
  });

  test('the standalone page loads nothing from the network and no office.js', () => {
    const html = read('index.html');
    const srcs = scriptSources(html);
    expect(srcs.length).toBeGreaterThan(0);
    for (const s of srcs) expect(s).not.toMatch(/^(https?:)?\/\//);
    expect(html).not.toMatch(/office\.js/);
    expect(html).not.toMatch(/<link[^>]+href=["']?(https?:)?\/\//i);
    for (const f of report().web.files) {
      const js = read(f);
      expect(js).not.toContain('appsforoffice.microsoft.com');
      expect(js).not.toMatch(/https?:\/\/(unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com)/);
    }
  });

  test('ExcelJS and docx are not in the task pane initial bundle, which stays within 200 KB gzipped', () => {
    const r = report();
    expect(r.taskpane.heavyModules).toEqual([]);
    expect(r.taskpane.gzip).toBeLessThanOrEqual(200 * 1024);
    const chunks = fs.readdirSync(dist);
    expect(chunks.some((f) => /^exceljs\.[0-9a-f]+\.js$/.test(f))).toBe(true);
    expect(chunks.some((f) => /^docx\.[0-9a-f]+\.js$/.test(f))).toBe(true);
    for (const f of r.taskpane.files) expect(f).not.toMatch(/^(exceljs|docx)\./);
  });

  test('the icons the manifest names are shipped', () => {
    for (const size of [16, 32, 64, 80]) expect(fs.existsSync(path.join(dist, 'assets', `icon-${size}.png`))).toBe(true);
  });
});

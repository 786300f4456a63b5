/**
 * @jest-environment jsdom
 */
// The page uses src/file in a browser: it must work where the globals are the DOM's (jsdom here), and src/file
// must not reach for Node's file system.
import * as fs from 'fs';
import * as path from 'path';
import { applyPlan, readXlsx, reportDocx } from '../../src/file';
import { TextEncoder as NodeTextEncoder } from 'util';
import { REPORT } from './report-fixture';

// jsdom lacks TextEncoder, which every browser has and docx needs; TextDecoder is left out on purpose so the
// zip inspector's own UTF-8 fallback is exercised.
const g = globalThis as { TextEncoder?: unknown; TextDecoder?: unknown };
const saved = g.TextDecoder;
beforeAll(() => {
  if (!g.TextEncoder) g.TextEncoder = NodeTextEncoder;
  delete g.TextDecoder;
});
afterAll(() => {
  if (saved) g.TextDecoder = saved;
});
import { xlsx } from './helpers';

test('read, apply and write the report under DOM globals', async () => {
  const bytes = await xlsx((wb) => {
    wb.addWorksheet('矛盾纠纷').getCell('B3').value = 37;
  });
  const book = await readXlsx(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 'a.xlsx');
  expect(book.sheets[0].rows).toEqual([[37]]);
  const out = await applyPlan(bytes, { styles: {}, sheets: [{ name: '审核结果', columns: [10], rows: [[{ v: '=1+1' }]] }] });
  const again = await readXlsx(out, 'b.xlsx');
  expect(again.sheets.map((s) => s.name)).toEqual(['矛盾纠纷', '审核结果']);
  expect(again.sheets[1].rows[0][0]).toBe('=1+1');
  const docx = await reportDocx(REPORT);
  expect(docx[0]).toBe(0x50); // a zip: PK
});

test('src/file imports nothing from Node', () => {
  const dir = path.resolve(__dirname, '../../src/file');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    expect(src).not.toMatch(/from ['"](fs|path|os|zlib|child_process|stream|buffer|node:[a-z_]+)['"]/);
    expect(src).not.toMatch(/\brequire\(/);
    expect(src).not.toMatch(/\bBuffer\./);
  }
});

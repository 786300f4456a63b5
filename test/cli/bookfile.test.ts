/**
 * The county workbook as `merge` writes it to disk (src/cli/bookfile.ts): each chunk of a part deflated by zlib on
 * its own and the pieces joined. A large sheet — many pieces in one part, its notes' part written beside it — reads
 * back whole and exact in our reader (which holds every part to its CRC-32) and in ExcelJS, and is a little larger
 * than one deflate stream would make it, never a stored (uncompressed) copy.
 */
import * as fs from 'fs';
import * as path from 'path';
import { deflateSync, unzipSync } from 'fflate';
import type { BookSource, CellSpec } from '../../src/core/types';
import { readXlsx } from '../../src/file';
import { writeBookToFile } from '../../src/cli/bookfile';
import { noteOf } from '../file/helpers';
import { openExcelJs, tempDirPerTest } from './support';

const tmp = tempDirPerTest('bookfile-');

function bigBook(rows: number): BookSource {
  const body: Iterable<CellSpec[]> = {
    *[Symbol.iterator]() {
      yield [{ v: '乡镇' }, { v: '说明' }, { v: '数字' }];
      for (let i = 0; i < rows; i++) {
        yield [{ v: `第${i + 1}镇` }, { v: `第${i + 1}镇的说明：${'法治政府建设'.repeat(1 + (i % 7))}` }, { v: i * 3, note: `来源：“第${i + 1}镇.xlsx”‘指标’表 D${i + 4}` }];
      }
    },
  };
  return { sheets: [{ name: '汇总表', columns: [10, 40, 10], rows: body }, { name: '说明', columns: [20], rows: [[{ v: '每个数字都有批注。' }]] }], styles: {} };
}

describe('the county workbook written to disk piece by piece', () => {
  it('reads back exactly, notes included, from a part of many pieces', async () => {
    const file = path.join(tmp(), '全县汇总.xlsx');
    const n = 12000;
    await writeBookToFile(file, bigBook(n));
    const bytes = fs.readFileSync(file);
    const parts = unzipSync(bytes);
    // the sheet's text is well past one chunk (256 KB): it was deflated in several pieces
    expect(parts['xl/worksheets/sheet1.xml'].length).toBeGreaterThan(4 * 256 * 1024);
    const book = await readXlsx(bytes, '全县汇总.xlsx');
    const rows = book.sheets[0].rows;
    expect(rows).toHaveLength(n + 1);
    expect(rows[n]).toEqual([`第${n}镇`, `第${n}镇的说明：${'法治政府建设'.repeat(1 + ((n - 1) % 7))}`, (n - 1) * 3]);
    expect(rows[5000][2]).toBe(4999 * 3);
    expect(book.sheets[1].rows[0][0]).toBe('每个数字都有批注。');
    const wb = await openExcelJs(file);
    expect(noteOf(wb.getWorksheet('汇总表')!.getCell(`C${n + 1}`))).toBe(`来源：“第${n}镇.xlsx”‘指标’表 D${n + 3}`);
  });

  it('compresses: a small part of its text, near what one deflate stream a part gives', async () => {
    const file = path.join(tmp(), '全县汇总.xlsx');
    await writeBookToFile(file, bigBook(12000));
    const bytes = fs.readFileSync(file);
    const text = Object.values(unzipSync(bytes)).reduce((s, p) => s + p.length, 0);
    expect(bytes.length).toBeLessThan(text / 8);
    // each part deflated in one go, for comparison: the pieces cost little
    const whole = Object.values(unzipSync(bytes)).reduce((s, p) => s + deflateSync(p, { level: 6 }).length, 0);
    expect(bytes.length).toBeLessThan(whole * 1.25);
  });
});

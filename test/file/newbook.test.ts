/**
 * The streamed new workbook (src/file/newbook.ts) that `merge` writes the county workbook with: what it writes reads
 * back the same in our reader and in ExcelJS (values, formulas, styles, notes, links, frozen rows, the active and
 * hidden sheets), a sheet's rows are taken one at a time, thousands of notes stay addressable (shape-id blocks), and
 * a failure while rows are made is not swallowed.
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import type { BookSource, CellSpec, SheetSource } from '../../src/core/types';
import { readXlsx } from '../../src/file';
import { writeNewBook } from '../../src/file/newbook';
import { noteOf } from './helpers';

function written(book: BookSource): Uint8Array {
  const chunks: Uint8Array[] = [];
  writeNewBook(book, (c) => chunks.push(c));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) out.set(c, at), (at += c.length);
  return out;
}

async function excel(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const styles = {
  header: { font: { bold: true }, fill: '#DDEBF7', wrap: true },
  rate: { numFmt: '0.0' },
  link: { font: { color: '#0563C1', underline: true } },
};

function countyLike(): BookSource {
  const status: SheetSource = {
    name: '审核情况',
    columns: [6, 16],
    rows: [[{ v: '说明' }], [{ v: '序号', style: 'header' }, { v: '乡镇', style: 'header' }], [{ v: 1 }, { v: '周营镇', link: { sheet: '汇总表', cell: 'B3' }, style: 'link' }]],
    freezeRows: 2,
  };
  const summary: SheetSource = {
    name: '汇总表',
    columns: [6, 12, 10, 10, 10],
    rows: [
      [{ v: '标题' }],
      [{ v: '序号' }, { v: '乡镇' }, { v: '受理' }, { v: '化解' }, { v: '化解率' }],
      [{ v: 1 }, { v: '周营镇' }, { v: 9, note: '来源：“周营镇.xlsx”‘指标’表 D4' }, { v: 7, note: '来源：“周营镇.xlsx”‘指标’表 D5\n第二行' }, { v: 77.8, style: 'rate' }],
      [{ v: 2 }, { v: '前营乡' }, { v: 11 }, { v: 10 }, { v: 90.9, style: 'rate' }],
      [{ v: null }, { v: '合计' }, { v: 20, f: 'SUM(C3:C4)' }, { v: 17, f: 'SUM(D3:D4)' }, { v: 85, f: 'ROUND(D5/C5*100,1)', style: 'rate' }],
      [{ v: '=不是公式' }],
    ],
    freezeRows: 2,
    autoFilter: 'A2:E4',
    printTitleRows: [2, 2],
  };
  const report: SheetSource = { name: '汇总报告文稿', columns: [80], rows: [[{ v: '一、基本情况' }], [{ v: '全县共受理信访案件20件。' }]], rowHeights: [30, null] };
  const hidden: SheetSource = { name: '审核明细', columns: [10], rows: [[{ v: 'x' }]], hidden: true };
  return { sheets: [status, summary, report, hidden], styles, activate: '审核情况' };
}

describe('a new workbook written row by row', () => {
  it('reads back in our reader: values, the values formulas give, texts never formulas, every sheet', async () => {
    const book = await readXlsx(written(countyLike()), '县.xlsx');
    expect(book.sheets.map((s) => s.name)).toEqual(['审核情况', '汇总表', '汇总报告文稿', '审核明细']);
    const sum = book.sheets[1].rows;
    expect(sum[2].slice(1, 5)).toEqual(['周营镇', 9, 7, 77.8]);
    expect(sum[4].slice(1, 5)).toEqual(['合计', 20, 17, 85]);
    expect(sum[5][0]).toBe('=不是公式');
    expect(book.sheets[2].rows[1][0]).toBe('全县共受理信访案件20件。');
    expect(book.sheets[3].visibility).toBe('hidden');
  });

  it('reads back in ExcelJS: notes, number formats, frozen rows, print titles, the hidden sheet and the active one', async () => {
    const wb = await excel(written(countyLike()));
    const ws = wb.getWorksheet('汇总表')!;
    expect(noteOf(ws.getCell('C3'))).toBe('来源：“周营镇.xlsx”‘指标’表 D4');
    expect(noteOf(ws.getCell('D3'))).toBe('来源：“周营镇.xlsx”‘指标’表 D5\n第二行');
    expect(noteOf(ws.getCell('C4'))).toBe('');
    expect(ws.getCell('E3').numFmt).toBe('0.0');
    expect(ws.getCell('E5').formula).toBe('ROUND(D5/C5*100,1)');
    expect(ws.getCell('A6').formula).toBeUndefined();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.autoFilter).toBe('A2:E4');
    expect(wb.getWorksheet('审核明细')!.state).toBe('hidden');
    expect(wb.getWorksheet('审核情况')!.getCell('B3').font?.underline).toBe(true);
    expect(wb.getWorksheet('汇总报告文稿')!.getRow(1).height).toBe(30);
    const parts = unzipSync(written(countyLike()));
    expect(strFromU8(parts['xl/workbook.xml'])).toContain('<workbookView activeTab="0"/>');
    expect(strFromU8(parts['xl/workbook.xml'])).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'汇总表'!$2:$2</definedName>`);
    expect(strFromU8(parts['xl/worksheets/sheet1.xml'])).toContain(`<hyperlink ref="B3" location="'汇总表'!B3"/>`);
    expect(strFromU8(parts['xl/worksheets/sheet1.xml'])).toContain('tabSelected="1"');
    expect(strFromU8(parts['[Content_Types].xml'])).toContain('PartName="/xl/comments2.xml"');
  });

  it('takes each sheet’s rows one at a time, as they are made', () => {
    let made = 0;
    let most = 0;
    let live = 0;
    const rows: Iterable<CellSpec[]> = {
      *[Symbol.iterator]() {
        for (let i = 0; i < 500; i++) {
          made++;
          live++;
          most = Math.max(most, live);
          yield [{ v: i }, { v: `第${i}行`, note: `批注${i}` }];
          live--; // the writer asked for the next row: this one is written
        }
      },
    };
    written({ sheets: [{ name: '表', columns: [10, 10], rows }], styles: {} });
    expect(made).toBe(500);
    expect(most).toBe(1);
  });

  it('gives thousands of notes on one sheet shape ids in as many blocks as they need, and the next sheet blocks after them', async () => {
    const many: CellSpec[][] = Array.from({ length: 2500 }, (_, i) => [{ v: i, note: `第${i + 1}个` }]);
    const bytes = written({ sheets: [{ name: '甲', columns: [10], rows: many }, { name: '乙', columns: [10], rows: [[{ v: 1, note: '乙的批注' }]] }], styles: {} });
    const parts = unzipSync(bytes);
    const vml1 = strFromU8(parts['xl/drawings/vmlDrawing1.vml']);
    const vml2 = strFromU8(parts['xl/drawings/vmlDrawing2.vml']);
    expect(vml1).toContain('<o:idmap v:ext="edit" data="1,2,3"/>');
    const ids = [...vml1.matchAll(/id="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
    expect(new Set(ids).size).toBe(2500);
    expect(Math.min(...ids)).toBeGreaterThanOrEqual(1024);
    expect(Math.max(...ids)).toBeLessThan(4 * 1024);
    expect(vml2).toContain('<o:idmap v:ext="edit" data="4"/>');
    expect(vml2).toContain('id="_x0000_s4097"');
    const wb = await excel(bytes);
    expect(noteOf(wb.getWorksheet('甲')!.getCell('A2500'))).toBe('第2500个');
    expect(noteOf(wb.getWorksheet('乙')!.getCell('A1'))).toBe('乙的批注');
  });

  it('stops with the error when a row cannot be made, and refuses a sheet it cannot stream', () => {
    const failing: Iterable<CellSpec[]> = {
      *[Symbol.iterator]() {
        yield [{ v: 1 }];
        throw new Error('第2行出错');
      },
    };
    expect(() => written({ sheets: [{ name: '表', columns: [], rows: failing }], styles: {} })).toThrow('第2行出错');
    const validated = { name: '填报', columns: [], rows: [], validations: [{ range: 'A1', type: 'list', values: ['是', '否'] }] } as unknown as SheetSource;
    expect(() => written({ sheets: [validated], styles: {} })).toThrow(/填报.*数据验证或保护/);
  });
});

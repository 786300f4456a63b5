/**
 * .xls / .et made by hand, record by record (biff-writer.ts): what LibreOffice cannot write (BIFF5 in GBK, as
 * Excel 95 and old WPS saved it; SST strings split across CONTINUE records) and hostile compound files — FAT and
 * DIFAT chains that loop or point outside the file, declared sizes far beyond it, records longer than their
 * stream — each answered by a FileReadError naming the file, quickly.
 */
import fc from 'fast-check';
import { check } from '../../src/core/check';
import { formatDecimals, isDateFormat, isPercentFormat } from '../../src/core/value';
import { FileReadError, readWorkbook } from '../../src/file';
import { Bytes, concatBytes, ENDOFCHAIN, record, rkInt, sstRecords, xlsFile, xlString, type BiffBook } from './biff-writer';

const hex = (h: string) => Uint8Array.from(h.match(/../g) as string[], (x) => parseInt(x, 16));
/** GBK bytes (printed by `iconv -f utf-8 -t gbk | xxd -p`). */
const GBK = {
  周营镇: hex('d6dcd3aad5f2'),
  指标: hex('d6b8b1ea'),
  受理矛盾纠纷: hex('cadcc0edc3acb6dcbec0b7d7'),
  调解成功率: hex('b5f7bde2b3c9b9a6c2ca'),
  已填: hex('d2d1ccee'),
};

async function readFails(bytes: Uint8Array, name: string): Promise<FileReadError> {
  try {
    await readWorkbook(bytes, name);
  } catch (e) {
    expect(e).toBeInstanceOf(FileReadError);
    const err = e as FileReadError;
    expect(err.message).toContain(`“${name}”`);
    expect(err.message).toMatch(/[\u4e00-\u9fff]{4,}/);
    expect(err.message).not.toMatch(/undefined|NaN|null|\[object/);
    return err;
  }
  throw new Error(`${name} was read without error`);
}

/** A township's indicator sheet in BIFF8: SST strings, RK and NUMBER figures, a percent, a merged title. */
function biff8Book(extra: Partial<BiffBook> = {}): BiffBook {
  return {
    version: 8,
    formats: [[164, '0.0%']],
    xfs: [164, 14], // XF 16: 0.0 %, XF 17: a date (built-in 14)
    sst: sstRecords(['周营镇矛盾纠纷化解情况', '序号', '指标名称', '单位', '数值', '受理矛盾纠纷', '件', '调解成功数', '调解成功率', '%']),
    sheets: [
      {
        name: '矛盾纠纷化解',
        cells: [
          { r: 0, c: 0, sst: 0 },
          { r: 1, c: 0, sst: 1 },
          { r: 1, c: 1, sst: 2 },
          { r: 1, c: 2, sst: 3 },
          { r: 1, c: 3, sst: 4 },
          { r: 2, c: 0, rk: rkInt(1) },
          { r: 2, c: 1, sst: 5 },
          { r: 2, c: 2, sst: 6 },
          { r: 2, c: 3, rk: rkInt(37) },
          { r: 3, c: 0, rk: rkInt(2) },
          { r: 3, c: 1, sst: 7 },
          { r: 3, c: 2, sst: 6 },
          { r: 3, c: 3, num: 35 },
          { r: 4, c: 0, rk: rkInt(3) },
          { r: 4, c: 1, sst: 8 },
          { r: 4, c: 2, sst: 9 },
          { r: 4, c: 3, num: 0.9, xf: 16 },
        ],
        merges: [[0, 0, 0, 3]],
      },
    ],
    ...extra,
  };
}

describe('BIFF8 made by hand', () => {
  test('strings, RK and NUMBER figures, a percent format and a merged title read as the Grid the checker knows', async () => {
    const book = await readWorkbook(xlsFile(biff8Book()).bytes, '周营镇.xls');
    const [g] = book.sheets;
    expect(g.name).toBe('矛盾纠纷化解');
    expect(g.merges).toEqual([{ r1: 0, c1: 0, r2: 0, c2: 3 }]);
    expect(g.rows[2]).toEqual([1, '受理矛盾纠纷', '件', 37]);
    expect(g.rows[4][3]).toBe(0.9);
    expect(g.formats?.[4][3]).toBe('0.0%');
    // 35 of 37 is 94.6 %, not the 90 % written: the rule fires at D5, as it would for the .xlsx
    const f = check(book).findings.find((x) => x.rule === 'rate-mismatch');
    expect(f).toMatchObject({ sheet: '矛盾纠纷化解', cell: 'D5' });
  });

  test('an SST string split across a CONTINUE, 8-bit before and UTF-16 after the break, reads whole', async () => {
    const first = new Bytes().u32(2).u32(2);
    first.raw(xlString('ABC').bytes()); // string 0, whole
    // string 1: 'Rate 调解成功率' = 'Rate ' compressed in the SST record, the rest UTF-16 in the CONTINUE
    const s1 = 'Rate 调解成功率';
    first.u16(s1.length).u8(0).raw([...'Rate '].map((c) => c.charCodeAt(0)));
    const cont = new Bytes().u8(1);
    for (const ch of '调解成功率') cont.u16(ch.charCodeAt(0));
    const sst = [record(0x00fc, first), record(0x003c, cont)];
    const book = await readWorkbook(
      xlsFile({ version: 8, sst, sheets: [{ name: 'S', cells: [{ r: 0, c: 0, sst: 0 }, { r: 0, c: 1, sst: 1 }] }] }).bytes,
      'sst.xls',
    );
    expect(book.sheets[0].rows[0]).toEqual(['ABC', 'Rate 调解成功率']);
  });

  test('formula results: text (FORMULA + STRING), number, boolean and error; hidden and very hidden sheets; a date', async () => {
    const book = await readWorkbook(
      xlsFile({
        version: 8,
        xfs: [14],
        sheets: [
          {
            name: '公式',
            cells: [
              { r: 0, c: 0, formulaText: '已填' },
              { r: 0, c: 1, formulaNum: 77.8 },
              { r: 0, c: 2, error: 0x07 },
              { r: 0, c: 3, bool: true },
              { r: 1, c: 0, num: 45299, xf: 16 },
            ],
          },
          { name: '隐藏', state: 1, cells: [{ r: 0, c: 0, num: 1 }] },
          { name: '深度隐藏', state: 2, cells: [] },
        ],
      }).bytes,
      '公式.xls',
    );
    expect(book.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['公式', 'visible'],
      ['隐藏', 'hidden'],
      ['深度隐藏', 'veryHidden'],
    ]);
    expect(book.sheets[0].rows[0]).toEqual(['已填', 77.8, { error: '#DIV/0!' }, true]);
    expect(book.sheets[0].rows[1][0]).toBe(45299);
    expect(isDateFormat(book.sheets[0].formats?.[1][0])).toBe(true);
  });

  test('a small workbook kept in the mini stream (64-byte sectors) reads the same as one in regular sectors', async () => {
    const { biffStream, cfbMini } = await import('./biff-writer');
    const stream = biffStream(biff8Book());
    expect(stream.length).toBeLessThan(4096);
    const small = await readWorkbook(cfbMini('Workbook', stream), '小.xls');
    const regular = await readWorkbook(xlsFile(biff8Book()).bytes, '小.xls');
    expect(small.sheets).toEqual(regular.sheets);
    expect(small.sheets[0].rows[2]).toEqual([1, '受理矛盾纠纷', '件', 37]);
  });

  test('a WPS .et stored as a compound file is read as the workbook it is', async () => {
    const xls = xlsFile(biff8Book()).bytes;
    const et = await readWorkbook(xls, '周营镇.et');
    expect(et.sheets[0].rows[2]).toEqual([1, '受理矛盾纠纷', '件', 37]);
  });

  test('an encrypted .xls (FILEPASS) is named as encrypted', async () => {
    const err = await readFails(xlsFile(biff8Book({ extraGlobals: [record(0x002f, new Bytes().u16(1).raw(new Uint8Array(52)))] })).bytes, '加密.xls');
    expect(err.code).toBe('encrypted');
  });
});

describe('BIFF5 (Excel 95, old WPS) in GBK', () => {
  const book: BiffBook = {
    version: 5,
    codepage: 936,
    formats: [[164, '0%']],
    xfs: [164],
    sheets: [
      {
        name: GBK.指标,
        cells: [
          { r: 0, c: 0, label: GBK.周营镇 },
          { r: 1, c: 0, label: GBK.受理矛盾纠纷 },
          { r: 1, c: 1, rk: rkInt(37) },
          { r: 2, c: 0, label: GBK.调解成功率 },
          { r: 2, c: 1, num: 0.95, xf: 16 },
          { r: 3, c: 0, formulaText: GBK.已填 },
        ],
        merges: [[0, 0, 0, 1]],
      },
    ],
  };

  test('sheet names, labels and a text formula result decode from the code page; figures and formats as BIFF8', async () => {
    const wb = await readWorkbook(xlsFile(book).bytes, '周营镇95.xls');
    const [g] = wb.sheets;
    expect(g.name).toBe('指标');
    expect(g.rows).toEqual([['周营镇'], ['受理矛盾纠纷', 37], ['调解成功率', 0.95], ['已填']]);
    expect(isPercentFormat(g.formats?.[2][1])).toBe(true);
    expect(formatDecimals(g.formats?.[2][1])).toBe(0);
    expect(g.merges).toEqual([{ r1: 0, c1: 0, r2: 0, c2: 1 }]);
  });

  test('stored as a `Book` stream, as Excel 95 names it (not `Workbook`)', () => {
    expect([...xlsFile(book).start.keys()]).toEqual(['Book']);
  });
});

describe('hostile compound files: a clear message naming the file, never a hang', () => {
  const good = () => xlsFile(biff8Book());

  test('a FAT chain that loops back on itself', async () => {
    const f = good();
    const s = f.start.get('Workbook') as number;
    new DataView(f.bytes.buffer).setUint32(f.fatEntry(s + 2), s, true);
    const err = await readFails(f.bytes, '循环.xls');
    expect(err.code).toBe('xls');
    expect(err.message).toContain('循环');
  });

  test('a chain that points outside the file', async () => {
    const f = good();
    const s = f.start.get('Workbook') as number;
    new DataView(f.bytes.buffer).setUint32(f.fatEntry(s + 1), 0x00fffff0, true);
    expect((await readFails(f.bytes, '越界.xls')).message).toContain('不存在的扇区');
  });

  test('a DIFAT chain that loops (more FAT sectors declared than the header lists)', async () => {
    const { biffStream, cfb } = await import('./biff-writer');
    // a workbook stream of 300 sectors, so that 241 FAT sectors are not more than the file could hold
    const f = cfb([{ name: 'Workbook', data: concatBytes([biffStream(biff8Book()), new Uint8Array(300 * 512)]) }]);
    const dv = new DataView(f.bytes.buffer);
    dv.setUint32(44, 109 + 127 + 5, true); // the header lists 109, one DIFAT sector 127 more: a second is needed …
    dv.setUint32(68, 1, true); // … the DIFAT chain starts at sector 1 …
    dv.setUint32(72, 2, true);
    dv.setUint32(512 * 2 + 508, 1, true); // … and sector 1 links back to itself
    const err = await readFails(f.bytes, 'DIFAT.xls');
    expect(err.code).toBe('xls');
    expect(err.message).toContain('DIFAT 扇区链出现循环');
  });

  test('a stream that declares 2 GB (a size the file cannot hold) is refused, not allocated', async () => {
    const f = good();
    new DataView(f.bytes.buffer).setUint32((f.dirEntry.get('Workbook') as number) + 120, 0x7fffffff, true);
    const before = process.memoryUsage().heapUsed;
    const err = await readFails(f.bytes, '巨大.xls');
    expect(err.message).toContain('声明');
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
  });

  test('a record whose length runs past the stream, and a sheet placed outside it', async () => {
    const stream = concatBytes([record(0x0809, new Bytes().u16(0x0600).u16(5).raw(new Uint8Array(12))), new Bytes().u16(0x00fc).u16(0xfff0).u32(1).bytes()]);
    const { cfb } = await import('./biff-writer');
    const err = await readFails(cfb([{ name: 'Workbook', data: stream }]).bytes, '记录.xls');
    expect(err.message).toContain('超出了数据流');
    const sheetOut = concatBytes([
      record(0x0809, new Bytes().u16(0x0600).u16(5).raw(new Uint8Array(12))),
      record(0x0085, new Bytes().u32(0x00ffffff).u8(0).u8(0).raw(xlString('远方', 1).bytes())),
      record(0x000a, new Uint8Array(0)),
    ]);
    expect((await readFails(cfb([{ name: 'Workbook', data: sheetOut }]).bytes, '远方.xls')).message).toContain('位置超出了数据流');
  });

  test('an SST that declares a billion strings is refused, not looped over', async () => {
    const sst = [record(0x00fc, new Bytes().u32(1e9).u32(1e9).raw(xlString('x').bytes()))];
    const err = await readFails(xlsFile(biff8Book({ sst })).bytes, '字符串.xls');
    expect(err.message).toContain('共享字符串');
  });

  test('a cell that refers to a shared string that is not there', async () => {
    const book = biff8Book({ sst: sstRecords(['只有一个']) });
    expect((await readFails(xlsFile(book).bytes, '引用.xls')).message).toContain('共享字符串');
  });

  test('an OLE file with no workbook stream: .xls says so; .et asks to save as .xlsx from WPS; a Word .doc is named', async () => {
    const { cfb } = await import('./biff-writer');
    const other = cfb([{ name: 'Contents', data: new Uint8Array(10) }]).bytes;
    expect((await readFails(other, '别的.xls')).message).toContain('没有工作簿数据流');
    const et = await readFails(other, '旧版.et');
    expect(et.code).toBe('et');
    expect(et.message).toMatch(/WPS.*另存为.*xlsx/);
    expect((await readFails(cfb([{ name: 'WordDocument', data: new Uint8Array(10) }]).bytes, '文档.xls')).code).toBe('docx');
  });

  test('a BIFF4 (Excel 4.0) workbook is named as too old', async () => {
    const { cfb } = await import('./biff-writer');
    const stream = record(0x0409, new Bytes().u16(0).u16(0x10).u16(0));
    expect((await readFails(cfb([{ name: 'Book', data: stream }]).bytes, '老.xls')).message).toContain('Excel 4.0');
  });

  test('property: any mutation of a good .xls is read or refused with a FileReadError (300 runs within the test timeout)', async () => {
    const base = good().bytes;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 24 }), async (edits) => {
        const b = base.slice();
        for (const [i, v] of edits) b[i] = v;
        try {
          const book = await readWorkbook(b, '变异.xls');
          check(book);
        } catch (e) {
          expect(e).toBeInstanceOf(FileReadError);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('property: random bytes behind the OLE signature are refused with a FileReadError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 5000 }), async (tail) => {
        const b = concatBytes([Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), tail]);
        await expect(readWorkbook(b, '随机.xls')).rejects.toBeInstanceOf(FileReadError);
      }),
      { numRuns: 200 },
    );
  });

  test('a chain of the mini stream that loops', async () => {
    // a small stream lives in the mini stream; point the root's mini stream at a looping regular chain
    const f = good();
    const dv = new DataView(f.bytes.buffer);
    const s = f.start.get('Workbook') as number;
    dv.setUint32((f.dirEntry.get('Workbook') as number) + 120, 100, true); // now under the 4096 cutoff: a mini stream
    dv.setUint32(60, s, true); // mini FAT in the workbook's first sector …
    dv.setUint32(64, 1, true);
    dv.setUint32(f.fatEntry(s), s, true); // … whose chain loops
    expect(ENDOFCHAIN).toBe(0xfffffffe);
    const err = await readFails(f.bytes, '迷你.xls');
    expect(err.message).toContain('循环');
  });
});

import { applyPlan, readXlsx, FileReadError } from '../../src/file';
import { deflateRawSync } from 'zlib';
import { entriesToInflate } from '../../src/file/zip';
import { minimalXlsx, zip as makeZip } from '../hostile/fixtures';
import { centralEntries, xlsx } from './helpers';

async function expectReadError(bytes: Uint8Array, name: string, code: string, text: RegExp) {
  let err: unknown;
  try {
    await readXlsx(bytes, name);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(FileReadError);
  expect((err as FileReadError).code).toBe(code);
  expect((err as FileReadError).message).toContain(`“${name}”`);
  expect((err as FileReadError).message).toMatch(text);
}

describe('readXlsx: values as a host reports them', () => {
  let book: Awaited<ReturnType<typeof readXlsx>>;
  beforeAll(async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('矛盾纠纷');
      ws.getCell('B3').value = '受理矛盾纠纷';
      ws.getCell('C3').value = 37;
      ws.getCell('B4').value = { richText: [{ text: '化解', font: { bold: true } }, { text: '矛盾纠纷' }] };
      ws.getCell('C4').value = 35;
      ws.getCell('B5').value = '化解率';
      ws.getCell('C5').value = { formula: 'C4/C3', result: 35 / 37 };
      ws.getCell('C5').numFmt = '0.0%';
      ws.getCell('C6').value = { formula: 'C4/0', result: { error: '#DIV/0!' } };
      ws.getCell('D3').value = { formula: 'C3*2', result: 74 };
      ws.getCell('D4').value = { sharedFormula: 'D3', result: 70 };
      ws.getCell('B7').value = { text: '县司法局网站', hyperlink: 'http://example.org/' };
      ws.getCell('B8').value = new Date(Date.UTC(2024, 0, 8));
      ws.getCell('B8').numFmt = 'yyyy-mm-dd';
      ws.getCell('B9').value = true;
      ws.mergeCells('B10:D10');
      ws.getCell('B10').value = '合并标题';
      const hidden = wb.addWorksheet('隐藏表', { state: 'hidden' });
      hidden.getCell('A1').value = '单位名称';
      wb.addWorksheet('空表');
    });
    book = await readXlsx(bytes, '周营镇.xlsx');
  });

  test('the used range starts where the figures start, not at A1', () => {
    const g = book.sheets[0];
    expect(g.name).toBe('矛盾纠纷');
    expect(g.origin).toEqual({ row: 2, col: 1 });
    expect(g.rows[0][0]).toBe('受理矛盾纠纷');
    expect(g.rows[0][1]).toBe(37);
  });

  test('rich text is plain text, hyperlinks are their text', () => {
    const g = book.sheets[0];
    expect(g.rows[1][0]).toBe('化解矛盾纠纷');
    expect(g.rows[4][0]).toBe('县司法局网站');
  });

  test('formulas read as cached results, errors as {error}, shared formulas too', () => {
    const g = book.sheets[0];
    expect(g.rows[2][1]).toBeCloseTo(35 / 37, 12);
    expect(g.formats![2][1]).toBe('0.0%');
    expect(g.rows[3][1]).toEqual({ error: '#DIV/0!' });
    expect(g.rows[0][2]).toBe(74);
    expect(g.rows[1][2]).toBe(70);
  });

  test('dates are Excel serials with their date format; booleans stay booleans', () => {
    const g = book.sheets[0];
    expect(g.rows[5][0]).toBe(45299); // 2024-01-08
    expect(g.formats![5][0]).toBe('yyyy-mm-dd');
    expect(g.rows[6][0]).toBe(true);
  });

  test('merged areas are reported; covered cells are empty, not copies of the title', () => {
    const g = book.sheets[0];
    expect(g.merges).toContainEqual({ r1: 9, c1: 1, r2: 9, c2: 3 });
    expect(g.rows[7][0]).toBe('合并标题');
    expect(g.rows[7][1] ?? null).toBeNull();
    expect(g.rows[7][2] ?? null).toBeNull();
  });

  test('hidden sheets are read with their visibility; empty sheets are empty grids', () => {
    expect(book.sheets.map((s) => s.name)).toEqual(['矛盾纠纷', '隐藏表', '空表']);
    expect(book.sheets[0].visibility).toBe('visible');
    expect(book.sheets[1].visibility).toBe('hidden');
    expect(book.sheets[1].rows).toEqual([['单位名称']]);
    expect(book.sheets[2].rows).toEqual([]);
    expect(book.name).toBe('周营镇.xlsx');
  });
});

describe('readXlsx: bounded', () => {
  test('a sheet beyond the row limit is read up to the limit and marked truncated', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('大表');
      for (let r = 1; r <= 25; r++) ws.getCell(r, 1).value = r;
    });
    const book = await readXlsx(bytes, 'big.xlsx', { maxRows: 10, maxCells: 1000 });
    expect(book.sheets[0].rows).toHaveLength(10);
    expect(book.sheets[0].rows[9][0]).toBe(10);
    expect(book.sheets[0].truncated).toEqual({ rowsRead: 10, rowsTotal: 25 });
  });

  test('a sheet beyond the cell limit stops at a whole row', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('宽表');
      for (let r = 1; r <= 10; r++) for (let c = 1; c <= 10; c++) ws.getCell(r, c).value = r * c;
    });
    const book = await readXlsx(bytes, 'wide.xlsx', { maxRows: 1000, maxCells: 35 });
    expect(book.sheets[0].rows).toHaveLength(3);
    expect(book.sheets[0].truncated).toEqual({ rowsRead: 3, rowsTotal: 10 });
  });

  test('a far-away cell does not pad the grid with empty rows above the data', async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet('远').getCell('F5000').value = '孤单';
    });
    const g = (await readXlsx(bytes, 'far.xlsx')).sheets[0];
    expect(g.origin).toEqual({ row: 4999, col: 5 });
    expect(g.rows).toEqual([['孤单']]);
  });
});

describe('readXlsx: files that are not readable workbooks get a clear Chinese error', () => {
  test('plain text', async () => {
    await expectReadError(new TextEncoder().encode('单位名称,周营镇\n'), 'x.xlsx', 'not-xlsx', /不是有效的 Excel 工作簿（\.xlsx）/);
  });

  test('an empty file', async () => {
    await expectReadError(new Uint8Array(0), 'empty.xlsx', 'empty', /空文件/);
  });

  test('a zip cut short', async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet('表').getCell('A1').value = 1;
    });
    await expectReadError(bytes.subarray(0, Math.floor(bytes.length * 0.6)), 'cut.xlsx', 'truncated', /不完整/);
  });

  test('a zip whose central directory declares a huge entry (zip bomb) is refused before unpacking', async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet('表').getCell('A1').value = 1;
    });
    const copy = bytes.slice();
    const sheet = centralEntries(copy).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    new DataView(copy.buffer).setUint32(sheet.offset + 24, 0xfffffff0, true);
    await expectReadError(copy, 'bomb.xlsx', 'too-large', /过大/);
  });

  test('a zip bomb that declares small sizes is stopped while inflating, by the reader and before ExcelJS writes', async () => {
    // Large enough to pass the 160 MB part limit: smaller lies cannot outgrow the limits (DEFLATE ≤ 1032:1).
    const bomb = new Uint8Array(deflateRawSync(Buffer.alloc(192 * 1024 * 1024, 0x20)));
    const lying = { name: 'xl/worksheets/sheet1.xml', data: bomb, deflated: true, declaredSize: 4096 };
    // the reader inflates the sheet the workbook names, and stops at the size it declared
    await expectReadError(minimalXlsx([{ name: '表', entry: lying }]), 'lying.xlsx', 'too-large', /过大/);
    // ExcelJS (the writing path) unpacks every part, named or not: it must never see the bomb
    const enc = new TextEncoder();
    const unnamed = makeZip([
      { name: '[Content_Types].xml', data: enc.encode('<Types/>') },
      { name: 'xl/workbook.xml', data: enc.encode('<workbook/>') },
      lying,
    ]);
    expect((await readXlsx(unnamed, 'unnamed.xlsx')).sheets).toEqual([]);
    let err: unknown;
    try {
      await applyPlan(unnamed, { styles: {}, sheets: [] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FileReadError);
    expect((err as FileReadError).code).toBe('too-large');
  });

  test('an .xls (OLE compound file) asks to save as .xlsx', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(Array.from('Workbook').flatMap((ch) => [ch.charCodeAt(0), 0]), 1024);
    await expectReadError(ole, '旧表.xls', 'xls', /97-2003.*另存为/);
  });

  test('a password-protected .xlsx (encrypted OLE container) says it is encrypted', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(Array.from('EncryptedPackage').flatMap((ch) => [ch.charCodeAt(0), 0]), 1024);
    await expectReadError(ole, '加密.xlsx', 'encrypted', /密码/);
  });

  test('a Word document is named as such', async () => {
    const { Document, Packer, Paragraph } = await import('docx');
    const doc = new Document({ sections: [{ children: [new Paragraph('报告')] }] });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    await expectReadError(bytes, '报告.xlsx', 'docx', /Word 文档/);
  });

  test('a zip with a garbage workbook part is reported as damaged, not thrown raw', async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet('表').getCell('A1').value = 1;
    });
    // Overwrite the stored workbook.xml's compressed data with junk (same length, so the zip stays whole).
    const copy = bytes.slice();
    const dv = new DataView(copy.buffer);
    const entry = centralEntries(copy).find((e) => e.name === 'xl/workbook.xml')!;
    const local = dv.getUint32(entry.offset + 42, true);
    const csize = dv.getUint32(entry.offset + 20, true);
    const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    for (let i = 0; i < csize; i++) copy[start + i] = (i * 37 + 11) & 0xff;
    let err: unknown;
    try {
      await readXlsx(copy, 'bad.xlsx');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FileReadError);
    expect((err as FileReadError).message).toMatch(/“bad\.xlsx”/);
  });
});

describe('which zip entries are inflated twice to catch a lying bomb', () => {
  const entry = (name: string, compressedSize: number, size: number) =>
    ({ name, method: 8, compressedSize, size, localOffset: 0 }) as unknown as Parameters<typeof entriesToInflate>[0][number];

  test('an ordinary workbook cannot outgrow the limits whatever it declares: nothing is inflated twice', () => {
    const parts = Array.from({ length: 45 }, (_, i) => entry(`xl/worksheets/sheet${i}.xml`, 3000, 20000));
    expect(entriesToInflate(parts).size).toBe(0);
  });

  test('a part whose compressed size could inflate past the part limit is measured, and only the large ones are', () => {
    const big = entry('xl/worksheets/sheet1.xml', 200 * 1024, 4096); // 200 KB × 1032 > 160 MB
    const small = entry('xl/styles.xml', 2000, 9000);
    const chosen = entriesToInflate([small, big]);
    expect([...chosen].map((e) => e.name)).toEqual(['xl/worksheets/sheet1.xml']);
  });
});

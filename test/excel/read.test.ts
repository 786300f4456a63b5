import { readWorkbook } from '../../src/excel/read';
import { createExcelHost } from '../../src/excel/host';
import { createFakeExcel, PAYLOAD_LIMIT, type FakeValue } from './fake-excel';

function smallSheet(n: number): FakeValue[][] {
  return [
    ['指标', '数值', '备注'],
    ['开展法治宣传活动', 12 + n, '场'],
    ['发放宣传资料', '3000余份', null as unknown as FakeValue],
    ['调解成功率', 0.98, '%'],
  ];
}

describe('readWorkbook against the fake office-js', () => {
  test('reads values, number formats, error cells, merges, visibility and the used range origin', async () => {
    const fake = createFakeExcel();
    fake.model.addSheet('封面', [['2023年度法治政府建设指标']]);
    fake.model.addSheet(
      '矛盾纠纷',
      [
        ['项目', '数量'],
        ['受理矛盾纠纷', 120],
        ['调解成功率', 0.95],
        ['人均', { error: '#DIV/0!' }],
        ['是否全覆盖', true],
      ],
      { origin: { row: 2, col: 1 }, formats: [[], [null, '0'], [null, '0%']], merges: [{ r1: 2, c1: 1, r2: 2, c2: 2 }] },
    );
    fake.model.addSheet('隐藏', [['x']], { visibility: 'Hidden' });
    fake.model.addSheet('空表', []);

    const book = await readWorkbook(fake.context(), { env: fake.env });
    expect(book.name).toBe('Book1.xlsx');
    expect(book.sheets.map((s) => s.name)).toEqual(['封面', '矛盾纠纷', '隐藏', '空表']);

    const g = book.sheets[1];
    expect(g.origin).toEqual({ row: 2, col: 1 }); // B3
    expect(g.rows[0]).toEqual(['项目', '数量']);
    expect(g.rows[1]).toEqual(['受理矛盾纠纷', 120]);
    expect(g.rows[2][1]).toBe(0.95);
    expect(g.formats![2][1]).toBe('0%');
    expect(g.formats![0][0]).toBe('General');
    expect(g.rows[3][1]).toEqual({ error: '#DIV/0!' });
    expect(g.rows[4][1]).toBe(true);
    expect(g.merges).toEqual([{ r1: 2, c1: 1, r2: 2, c2: 2 }]);
    expect(g.visibility).toBe('visible');
    expect(g.truncated).toBeUndefined();

    expect(book.sheets[2].visibility).toBe('hidden');
    expect(book.sheets[3].rows).toEqual([]);
  });

  test('an empty cell inside the used range is null, not an empty string', async () => {
    const fake = createFakeExcel();
    fake.model.addSheet('表', [['a', null as unknown as FakeValue, 'c']]);
    const book = await readWorkbook(fake.context(), { env: fake.env });
    expect(book.sheets[0].rows[0]).toEqual(['a', null, 'c']);
  });

  test('the number of syncs does not grow with the number of sheets (1 sheet and 40 sheets)', async () => {
    const one = createFakeExcel();
    one.model.addSheet('表1', smallSheet(0));
    await readWorkbook(one.context(), { env: one.env });

    const forty = createFakeExcel();
    for (let i = 0; i < 40; i++) forty.model.addSheet(`表${i + 1}`, smallSheet(i));
    const book = await readWorkbook(forty.context(), { env: forty.env });

    expect(book.sheets).toHaveLength(40);
    expect(book.sheets[39].rows[1][1]).toBe(12 + 39);
    expect(forty.syncCount()).toBe(one.syncCount());
    expect(one.syncCount()).toBeLessThanOrEqual(4);
  });

  test('a 50,000 × 20 sheet is read completely in requests that all stay under the 5 MB limit', async () => {
    const fake = createFakeExcel();
    const rows: FakeValue[][] = [];
    for (let r = 0; r < 50_000; r++) {
      const row: FakeValue[] = [];
      for (let c = 0; c < 20; c++) row.push(c === 0 ? `第${r + 1}行乡镇` : r * 20 + c + 0.25);
      rows.push(row);
    }
    fake.model.addSheet('大表', rows);
    const progress: number[] = [];
    const book = await readWorkbook(fake.context(), { env: fake.env, onProgress: (done) => progress.push(done) });

    const g = book.sheets[0];
    expect(g.rows).toHaveLength(50_000);
    expect(g.rows[49_999][0]).toBe('第50000行乡镇');
    expect(g.rows[49_999][19]).toBe(49_999 * 20 + 19 + 0.25);
    expect(g.rows[25_000][7]).toBe(25_000 * 20 + 7 + 0.25);
    expect(g.truncated).toBeUndefined();
    for (const s of fake.model.syncs) {
      expect(s.error).toBeUndefined();
      expect(s.requestBytes).toBeLessThan(PAYLOAD_LIMIT);
      expect(s.responseBytes).toBeLessThan(PAYLOAD_LIMIT);
    }
    expect(fake.model.syncs.length).toBeGreaterThan(3); // the data really was split
    expect(progress[progress.length - 1]).toBe(50_000);
  });

  test('cells far longer than estimated: a refused request is split and retried, nothing is lost', async () => {
    const fake = createFakeExcel();
    const long = '依法行政'.repeat(100); // 400 CJK characters ≈ 1.2 KB per cell
    const rows: FakeValue[][] = [];
    for (let r = 0; r < 4000; r++) rows.push([`${r}`, long, long, r]);
    fake.model.addSheet('长文本', rows);
    const book = await readWorkbook(fake.context(), { env: fake.env });
    const g = book.sheets[0];
    expect(g.rows).toHaveLength(4000);
    expect(g.rows[3999]).toEqual(['3999', long, long, 3999]);
    const ok = fake.model.syncs.filter((s) => !s.error);
    expect(fake.model.syncs.some((s) => s.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    for (const s of ok) expect(s.responseBytes).toBeLessThan(PAYLOAD_LIMIT);
  });

  test('a sheet larger than the bound is read up to the bound and says it was truncated', async () => {
    const fake = createFakeExcel();
    const rows: FakeValue[][] = [];
    for (let r = 0; r < 300; r++) rows.push([r, r + 1, r + 2, r + 3]);
    fake.model.addSheet('超大', rows);
    const book = await readWorkbook(fake.context(), { env: fake.env, maxCellsPerSheet: 400 });
    const g = book.sheets[0];
    expect(g.rows).toHaveLength(100);
    expect(g.truncated).toEqual({ rowsRead: 100, rowsTotal: 300 });
  });

  test('a host without ExcelApi 1.13 is read without merges (and without calling the missing API)', async () => {
    const fake = createFakeExcel({ apiVersion: '1.9' });
    fake.model.addSheet('表', [['标题', null as unknown as FakeValue], [1, 2]], { merges: [{ r1: 0, c1: 0, r2: 0, c2: 1 }] });
    const book = await readWorkbook(fake.context(), { env: fake.env });
    expect(book.sheets[0].rows[1]).toEqual([1, 2]);
    expect(book.sheets[0].merges).toEqual([]);
  });

  test('merged areas too many for one answer: each sheet is asked alone, and a sheet with too many is still read', async () => {
    const fake = createFakeExcel();
    fake.model.payloadLimit = 4000; // a small limit stands for 5 MB of merged-area addresses
    const sheet = (name: string, mergedRows: number) => {
      const cells: (FakeValue | null)[][] = Array.from({ length: 400 }, (_, r) => [`第${r + 1}行`, null]);
      cells[1] = ['受理矛盾纠纷', 37];
      const merges = Array.from({ length: mergedRows }, (_, r) => ({ r1: r + 2, c1: 0, r2: r + 2, c2: 1 }));
      fake.model.addSheet(name, cells, { merges });
    };
    sheet('甲表', 60); // about 0.7 KB of addresses
    sheet('乙表', 60);
    sheet('丙表', 60);
    sheet('丁表', 380); // about 4.6 KB: too many even alone
    const book = await readWorkbook(fake.context(), { env: fake.env, payloadBudget: 3000 });
    expect(fake.model.syncs.some((s) => s.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    // every sheet's cells are read; the merges of the sheets that fit alone are kept
    expect(book.sheets.map((s) => s.rows[1])).toEqual(Array(4).fill(['受理矛盾纠纷', 37]));
    expect(book.sheets.map((s) => s.merges!.length)).toEqual([60, 60, 60, 0]);
    expect(book.sheets[0].merges![0]).toEqual({ r1: 2, c1: 0, r2: 2, c2: 1 });
  });

  test('createExcelHost().read goes through Excel.run and reports progress', async () => {
    const fake = createFakeExcel();
    fake.model.addSheet('表1', smallSheet(1));
    const host = createExcelHost({ run: (b) => fake.run(b), env: fake.env });
    const calls: [number, number][] = [];
    const book = await host.read((d, t) => calls.push([d, t]));
    expect(host.kind).toBe('excel');
    expect(book.sheets[0].rows[1][1]).toBe(13);
    expect(calls[calls.length - 1]).toEqual([4, 4]);
    expect(await host.capabilities()).toEqual({ comments: true, marks: true, download: false });
    const old = createExcelHost({ run: (b) => fake.run(b), env: createFakeExcel({ apiVersion: '1.9' }).env });
    expect((await old.capabilities()).comments).toBe(false);
  });
});

import fc from 'fast-check';
import { a1, parseA1 } from '../../src/core/address';
import { extract } from '../../src/core/extract';
import { check } from '../../src/core/check';
import type { Cell, Extraction, Grid, Workbook } from '../../src/core/types';

/** Words real sheets are made of, so random grids hit headers, sections, identity keys and totals. */
const WORDS = [
  '序号', '指标名称', '指标', '单位', '数值', '备注', '2022年', '2023年', '本年', '上年', '分子', '分母', '比率', '乡镇', '合计',
  '一、法治宣传教育', '（二）矛盾纠纷化解', '1、行政执法', '其中：化解数', '受理数', '存在的问题', '下步安排',
  '单位名称', '报告年度', '报送对象', '落款日期', '周营镇', '前营乡', '城关街道', '周营镇2023年度法治政府建设指标统计表',
  '行政村数（个）', '化解率（%）', '信访案件化解率', '调处各类矛盾纠纷', '印发普法宣传材料', '罚没款', '行政执法人员', '持证人数',
  '件', '份', '%', '万元', '元', '二十余', '近3万余', '100%', '全覆盖', '是', '—', '/', '无', '1.3万元', '37件', '注：数据截至年底',
  '', ' ', '   行政村数', '#DIV/0!',
];

const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 5, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.oneof(fc.integer({ min: -5, max: 3000 }), fc.double({ noNaN: false })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom({ error: '#DIV/0!' }, { error: '#REF!' }) },
);

const sheetArb = (name: string): fc.Arbitrary<Grid> =>
  fc
    .record({
      rows: fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 10 }),
      origin: fc.option(fc.record({ row: fc.integer({ min: 0, max: 5 }), col: fc.integer({ min: 0, max: 4 }) }), { nil: undefined }),
      merges: fc.array(
        fc.record({ r1: fc.integer({ min: -1, max: 14 }), c1: fc.integer({ min: -1, max: 10 }), h: fc.integer({ min: 0, max: 3 }), w: fc.integer({ min: 0, max: 4 }) }),
        { maxLength: 3 },
      ),
      fmt: fc.constantFrom(undefined, '0%', '0.0%', 'yyyy-mm-dd', 'General'),
    })
    .map(({ rows, origin, merges, fmt }) => {
      const g: Grid = { name, rows };
      if (origin) g.origin = origin;
      g.merges = merges.map((m) => ({ r1: m.r1, c1: m.c1, r2: m.r1 + m.h, c2: m.c1 + m.w }));
      if (fmt) g.formats = rows.map((r) => r.map(() => fmt));
      return g;
    });

const NAMES = ['指标', '基本情况', '存在问题', '汇总表', 'Sheet5'];
const bookArb: fc.Arbitrary<Workbook> = fc
  .integer({ min: 1, max: NAMES.length })
  .chain((n) => fc.tuple(...NAMES.slice(0, n).map(sheetArb)))
  .map((sheets) => ({ name: 'x.xlsx', sheets }));

function inside(g: Grid, cellRef: string): boolean {
  const p = parseA1(cellRef);
  if (!p) return false;
  const r0 = g.origin?.row ?? 0;
  const c0 = g.origin?.col ?? 0;
  const width = Math.max(0, ...g.rows.map((r) => r.length));
  return p.row >= r0 && p.row < r0 + g.rows.length && p.col >= c0 && p.col < c0 + width;
}

function canon(ex: Extraction): unknown {
  const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
  return {
    unit: ex.unit,
    year: ex.year,
    addressee: ex.addressee,
    date: ex.date,
    identityCells: ex.identityCells,
    observations: sorted(ex.observations),
    unknown: sorted(ex.unknown),
    texts: sorted(ex.texts.map(({ order: _o, ...t }) => t)),
    tables: sorted(ex.tables),
    headings: sorted(ex.headings ?? []),
  };
}

describe('extract never breaks', () => {
  test('arbitrary grids: no throw, every cell it names lies inside its sheet', () => {
    fc.assert(
      fc.property(bookArb, (book) => {
        const ex = extract(book);
        const grids = new Map(book.sheets.map((g) => [g.name, g]));
        for (const o of ex.observations) {
          const g = grids.get(o.sheet)!;
          expect(inside(g, o.cell)).toBe(true);
          expect(o.cell).toBe(a1(o.row, o.col));
          expect(o.value === null || typeof o.value !== 'number' || Number.isFinite(o.value) || o.kind !== 'number').toBe(true);
        }
        for (const x of [...ex.unknown, ...ex.texts, ...(ex.headings ?? [])]) expect(inside(grids.get(x.sheet)!, x.cell)).toBe(true);
        for (const w of Object.values(ex.identityCells ?? {})) expect(inside(grids.get(w!.sheet)!, w!.cell)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('the generator reaches the interesting paths (observations, unknowns, headings, identity)', () => {
    let obs = 0;
    let unk = 0;
    let head = 0;
    let ident = 0;
    for (const book of fc.sample(bookArb, { numRuns: 300, seed: 42 })) {
      const ex = extract(book);
      if (ex.observations.length) obs++;
      if (ex.unknown.length) unk++;
      if (ex.headings?.length) head++;
      if (ex.unit || ex.date) ident++;
    }
    expect(Math.min(obs, unk, head, ident)).toBeGreaterThan(5);
  });

  test('the result does not depend on sheet order (except for order itself)', () => {
    fc.assert(
      fc.property(bookArb, (book) => {
        const reversed = { ...book, sheets: [...book.sheets].reverse() };
        expect(canon(extract(reversed))).toEqual(canon(extract(book)));
      }),
      { numRuns: 200 },
    );
  });

  test('malformed input: no sheets, ragged rows, odd cells', () => {
    expect(extract({ name: '', sheets: [] }).observations).toEqual([]);
    const odd = {
      name: '',
      sheets: [{ name: '指标', rows: [undefined, ['指标名称', '数值'], [{}, 3], ['行政村数', Infinity], ['行政村数', NaN]] as unknown as Cell[][] }],
    };
    expect(() => extract(odd as Workbook)).not.toThrow();
    expect(() => extract({ name: '', sheets: [null as unknown as Grid] })).not.toThrow();
    expect(() => extract(undefined as unknown as Workbook)).not.toThrow();
  });
});

describe('a stray value far from the table (a mutated .xls found it: 36,868 × 18,691)', () => {
  test('the table reads as without it, and the check does not walk every row to the widest column (it took minutes)', () => {
    const rows: (string | number | null)[][] = [['指标名称', '单位', '数值'], ['受理信访案件', '件', 9], ['化解信访案件', '件', 7]];
    const near = check({ name: 'a.xlsx', sheets: [{ name: '指标', rows: rows.map((r) => [...r]) }] });
    const far: (string | number | null)[][] = rows.map((r) => [...r]);
    far[36867] = [];
    far[36867][18690] = 5;
    const res = check({ name: 'a.xlsx', sheets: [{ name: '指标', rows: far }] });
    expect(res.observations.map((o) => [o.indicator, o.cell, o.value])).toEqual(near.observations.map((o) => [o.indicator, o.cell, o.value]));
  });
});

/**
 * A county's figures kept compact (src/core/county/compact.ts) read back exactly as they were given — every value,
 * raw text, unit, marker, sheet and cell — in the order given, through every Map method; a figure read is the
 * township's and cannot be changed through it.
 */
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { FigureTable } from '../../src/core/county/compact';
import { consolidate, countyInput, countyPlan, revivedInput, type CountyFigure } from '../../src/core/county';
import { check } from '../../src/core/check';
import { readXlsx } from '../../src/file';
import type { ApproxMarker } from '../../src/core/types';

const plain = (f: CountyFigure): CountyFigure => JSON.parse(JSON.stringify(f)) as CountyFigure;

const MARKERS: ApproxMarker[] = ['余', '多', '近', '约', '以上', '不少于'];

const figure: fc.Arbitrary<CountyFigure> = fc
  .record({
    kind: fc.constantFrom<CountyFigure['kind']>('number', 'percent', 'yesno'),
    n: fc.oneof(fc.integer({ min: -5, max: 100000 }), fc.double({ min: 0, max: 1e7, noNaN: true, noDefaultInfinity: true })),
    b: fc.boolean(),
    rawForm: fc.constantFrom('plain', 'percent', 'own'),
    own: fc.string({ minLength: 0, maxLength: 12 }),
    approx: fc.boolean(),
    markers: fc.subarray(MARKERS, { maxLength: 2 }),
    unit: fc.option(fc.constantFrom('件', '人', '份', '万份', '%', '个（村）'), { nil: null }),
    wan: fc.boolean(),
    sheet: fc.constantFrom('指标', '矛盾纠纷化解', "乡镇's 表", ''),
    cell: fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 1048575 }), fc.integer({ min: 0, max: 16383 })).map(([r, c]) => {
        let s = '';
        for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
        return `${s}${r + 1}`;
      }),
      fc.constantFrom('', 'D4:D6', '$D$4', 'd4', 'D04'),
    ),
    computed: fc.boolean(),
  })
  .map((x) => {
    const value = x.kind === 'yesno' ? x.b : x.n;
    const raw = x.rawForm === 'plain' ? String(value) : x.rawForm === 'percent' ? `${value}%` : x.own;
    const f: CountyFigure = { value, kind: x.kind, raw, approx: x.approx, markers: x.markers, unit: x.unit, wan: x.wan, sheet: x.sheet, cell: x.cell };
    if (x.computed) f.computed = true;
    return f;
  });

describe('a township’s figures kept compact', () => {
  it('reads back every figure exactly, in order, through get, entries, values, keys and forEach', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.constantFrom('petitions', 'resolved', 'rate', 'mediated', 'villages', 'advisers', 'x1', 'x2'), figure), { selector: ([id]) => id, maxLength: 8 }), (list) => {
        const t = FigureTable.of(list);
        expect(t.size).toBe(list.length);
        expect([...t.keys()]).toEqual(list.map(([id]) => id));
        for (const [id, f] of list) {
          expect(t.has(id)).toBe(true);
          expect(plain(t.get(id)!)).toEqual(plain(f));
        }
        expect([...t.entries()].map(([id, f]) => [id, plain(f)])).toEqual(list.map(([id, f]) => [id, plain(f)]));
        expect([...t.values()].map(plain)).toEqual(list.map(([, f]) => plain(f)));
        const seen: string[] = [];
        t.forEach((_, id) => seen.push(id));
        expect(seen).toEqual(list.map(([id]) => id));
        expect(t.get('absent')).toBeUndefined();
        expect(t.has('absent')).toBe(false);
      }),
    );
  });

  it('keeps a figure’s parts the township’s: a figure read cannot be changed, its markers are a copy', () => {
    const t = FigureTable.of([['materials', { value: 3000, kind: 'number', raw: '3000余', approx: true, markers: ['余'], unit: '份', wan: false, sheet: '指标', cell: 'D9' }]]);
    const f = t.get('materials')!;
    expect(() => {
      (f as { value: number | boolean }).value = 1;
    }).toThrow(TypeError);
    f.markers.push('约');
    expect(t.get('materials')!.markers).toEqual(['余']);
    expect(t.get('materials')!.value).toBe(3000);
  });
});

describe('a township’s figures posted by the page’s check worker (a structured clone)', () => {
  it('come back with their methods and consolidate exactly as the originals', async () => {
    const dir = path.resolve(__dirname, '../../assets/samples');
    const inputs = [];
    for (const f of ['周营镇-2023-指标.xlsx', '示范镇-2023-无误.xlsx', '沈丘县-2023-汇总.xlsx']) inputs.push(countyInput(f, f, check(await readXlsx(fs.readFileSync(path.join(dir, f)), f))));
    const cloned = inputs.map((i) => structuredClone(i));
    // what a clone is before it is revived: the data without the methods
    expect(typeof (cloned[0].rows[0].figures as { get?: unknown }).get).toBe('undefined');
    const revived = cloned.map(revivedInput);
    const rows = (c: ReturnType<typeof consolidate>) => countyPlan(c, null).sheets.map((s) => s.rows.map((r) => r.map((x) => [x.v, x.note ?? null])));
    expect(rows(consolidate(revived))).toEqual(rows(consolidate(inputs)));
  });

  it('refuses what is not a figure table rather than summing nothing', () => {
    expect(() => FigureTable.revived({ ids: ['a'] })).toThrow('乡镇数字表的副本不完整');
  });
});

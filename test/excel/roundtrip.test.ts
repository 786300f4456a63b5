/**
 * The add-in path end to end on the bundled sample workbooks, with the fake office-js standing in for Excel:
 * what the Excel adapter reads is what the file adapter reads (so the findings are the same in Excel and on the
 * page), results and marks are written, re-running does not pile up, and removal gives the township's sheets back.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readXlsx } from '../../src/file/read';
import { check } from '../../src/core/check';
import { buildReport } from '../../src/core/narrative';
import { markPlan, removalPlan, resultPlan } from '../../src/core/plan';
import { RESULT_SHEETS } from '../../src/core/catalog';
import type { Grid, Workbook } from '../../src/core/types';
import { createExcelHost } from '../../src/excel';
import { createFakeExcel, type FakeExcel, type FakeValue } from './fake-excel';

const samplesDir = path.resolve(__dirname, '../../assets/samples');
const samples = fs.existsSync(samplesDir) ? fs.readdirSync(samplesDir).filter((f) => f.endsWith('.xlsx')) : [];

const VIS = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' } as const;

/** Put a workbook read from a file into the fake Excel, cell for cell. */
function openInFakeExcel(book: Workbook): FakeExcel {
  const fake = createFakeExcel();
  fake.model.name = book.name;
  for (const g of book.sheets) {
    fake.model.addSheet(g.name, g.rows as (FakeValue | null)[][], {
      origin: g.origin,
      formats: g.formats,
      merges: g.merges,
      visibility: VIS[g.visibility ?? 'visible'],
    });
  }
  return fake;
}

/** Non-empty cells by absolute address, so grids with different used-range origins compare equal. */
function cells(g: Grid): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const r0 = g.origin?.row ?? 0;
  const c0 = g.origin?.col ?? 0;
  g.rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== undefined && v !== '') out.set(`${r0 + r},${c0 + c}`, v);
    }),
  );
  return out;
}

function townshipState(fake: FakeExcel, names: string[]): unknown {
  return names.map((n) => {
    const s = fake.model.sheet(n)!;
    const vals: [number, number, unknown, string | undefined][] = [];
    s.cells.forEach((row, r) => row?.forEach((c, col) => c && (c.v !== undefined || c.fill) && vals.push([r, col, c.v, c.fill])));
    return { name: n, visibility: s.visibility, vals };
  });
}

describe('the add-in path on the sample workbooks', () => {
  test('there are sample workbooks to run on', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  test.each(samples)('%s: Excel reads the same cells as the file adapter, so the findings are the same', async (file) => {
    const fromFile = await readXlsx(fs.readFileSync(path.join(samplesDir, file)), file);
    const fake = openInFakeExcel(fromFile);
    const host = createExcelHost({ run: (b) => fake.run(b), env: fake.env });
    const fromExcel = await host.read();

    expect(fromExcel.sheets.map((g) => g.name)).toEqual(fromFile.sheets.map((g) => g.name));
    fromExcel.sheets.forEach((g, i) => {
      expect(cells(g)).toEqual(cells(fromFile.sheets[i]));
      expect(g.visibility).toBe(fromFile.sheets[i].visibility ?? 'visible');
      expect([...(g.merges ?? [])].sort((a, b) => a.r1 - b.r1 || a.c1 - b.c1)).toEqual(
        [...(fromFile.sheets[i].merges ?? [])].sort((a, b) => a.r1 - b.r1 || a.c1 - b.c1),
      );
    });
    const a = check(fromFile);
    const b = check(fromExcel);
    expect(b.findings.map((f) => [f.id, f.sheet, f.cell, f.message])).toEqual(a.findings.map((f) => [f.id, f.sheet, f.cell, f.message]));
  });

  test('results and marks are written, re-running does not pile up, removal gives the sheets back', async () => {
    const file = samples.find((f) => f.includes('周营镇')) ?? samples[0];
    const book = await readXlsx(fs.readFileSync(path.join(samplesDir, file)), file);
    const fake = openInFakeExcel(book);
    const township = book.sheets.map((g) => g.name);
    const before = townshipState(fake, township);
    const host = createExcelHost({ run: (b) => fake.run(b), env: fake.env });

    const result = check(await host.read());
    const open = result.findings.filter((f) => f.status === 'open' && /^[A-Z]{1,3}\d+$/.test(f.cell));
    expect(open.length).toBeGreaterThan(0); // the sample has something to mark

    for (let run = 0; run < 2; run++) {
      const again = check(await host.read());
      const out = await host.apply(resultPlan(again, buildReport(again)));
      expect(out).toMatchObject({ ok: true });
      const marked = await host.apply(markPlan(again));
      expect(marked.message).toBeUndefined();
      expect(marked.ok).toBe(true);
    }
    const names = fake.model.sheets.map((s) => s.name);
    for (const n of [RESULT_SHEETS.findings, RESULT_SHEETS.rates, RESULT_SHEETS.report, RESULT_SHEETS.marks]) {
      expect(names.filter((x) => x === n)).toHaveLength(1);
    }
    const f = open[0];
    expect(fake.model.cell(f.sheet, f.cell)!.fill).toBeDefined();
    expect(fake.model.commentAt(f.sheet, f.cell)!.content).toContain(f.message);

    // What the tool reads back after writing: the same findings (its own sheets are not township data).
    const after = check(await host.read());
    expect(after.findings.map((x) => x.id).sort()).toEqual(result.findings.map((x) => x.id).sort());

    const removed = await host.apply(removalPlan());
    expect(removed.ok).toBe(true);
    expect(fake.model.sheets.map((s) => s.name)).toEqual(township);
    expect(fake.model.comments).toEqual([]);
    expect(townshipState(fake, township)).toEqual(before);
  });

  test('a figure fixed after marking loses its mark when results are written again, without marking anew', async () => {
    const file = samples.find((f) => f.includes('周营镇')) ?? samples[0];
    const book = await readXlsx(fs.readFileSync(path.join(samplesDir, file)), file);
    const fake = openInFakeExcel(book);
    const host = createExcelHost({ run: (b) => fake.run(b), env: fake.env });
    const first = check(await host.read());
    expect(first.findings.map((f) => `${f.sheet}!${f.cell}`)).toEqual(expect.arrayContaining(['矛盾纠纷化解!D6', '行政执法!D5']));
    const fillBefore = fake.model.cell('矛盾纠纷化解', 'D6')?.fill;
    expect((await host.apply(resultPlan(first, buildReport(first)))).ok).toBe(true);
    expect((await host.apply(markPlan(first))).ok).toBe(true);
    expect(fake.model.cell('矛盾纠纷化解', 'D6')!.fill).not.toBe(fillBefore);

    // the township corrects 信访案件化解率 (100% → 7 of 9), checks again and writes the results (no new marking)
    fake.model.cell('矛盾纠纷化解', 'D6')!.v = 0.7778;
    const second = check(await host.read());
    expect(second.findings.some((f) => f.sheet === '矛盾纠纷化解' && f.cell === 'D6')).toBe(false);
    expect((await host.apply(resultPlan(second, buildReport(second)))).ok).toBe(true);

    expect(fake.model.cell('矛盾纠纷化解', 'D6')!.fill).toBe(fillBefore);
    expect(fake.model.commentAt('矛盾纠纷化解', 'D6')).toBeUndefined();
    // the finding still open keeps its mark, with its current message
    const still = second.findings.find((f) => f.sheet === '行政执法' && f.cell === 'D5')!;
    expect(fake.model.cell('行政执法', 'D5')!.fill).toBeDefined();
    expect(fake.model.commentAt('行政执法', 'D5')!.content).toContain(still.message);
    expect(fake.model.sheets.filter((s) => s.name === RESULT_SHEETS.marks)).toHaveLength(1);
  });
});

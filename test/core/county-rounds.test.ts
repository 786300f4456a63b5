/**
 * The county's 审核明细 read back as the previous round (core/county/rounds.ts): what the sheet says is what the next
 * round compares with, and a row a person spoiled is named at its cell instead of silently changing the counts.
 */
import { check } from '../../src/core/check';
import { consolidate, countyInput, countyPlan, countyRound, readPreviousRound, CountyRoundError, type PreviousRound } from '../../src/core/county';
import type { Cell, Grid, SheetPlan, Workbook } from '../../src/core/types';

/** A township workbook: 基本情况 and one indicator sheet (the wording of the real reports). */
function township(name: string, certified: number): Workbook {
  return {
    name: `${name}.xlsx`,
    sheets: [
      { name: '基本情况', rows: [['单位名称', name], ['报告年度', 2023]] },
      {
        name: '行政执法',
        rows: [
          ['序号', '指标名称', '单位', '2023年', '备注'],
          [1, '行政执法人员', '人', 12, ''],
          [2, '持证上岗', '人', certified, ''],
        ],
      },
    ],
  };
}

function asGrid(plan: SheetPlan): Grid {
  return { name: plan.name, rows: plan.rows.map((r) => r.map((c) => c.v as Cell)) };
}

function firstRound(): { grid: Grid; ids: string[][]; errors: string[] } {
  const books = [township('柳河镇', 14), township('杨集乡', 10)];
  const inputs = books.map((b) => countyInput(b.name, b.name, check(b)));
  const county = consolidate(inputs);
  const detail = countyPlan(county, null).sheets.find((s) => s.name === '审核明细')!;
  const ids = inputs.map((i) => i.status.findings!.map((f) => f.id));
  const errors = inputs[0].status.findings!.filter((f) => f.severity === 'error').map((f) => f.id);
  return { grid: asGrid(detail), ids, errors };
}

test('the 审核明细 a round writes reads back as that round: its number, year, townships and their findings by id', () => {
  const { grid, ids, errors } = firstRound();
  expect(errors).toHaveLength(1); // 持证上岗14人 of 12
  const prev = readPreviousRound({ name: '第1轮.xlsx', sheets: [grid] }, '第1轮.xlsx');
  expect(prev).toMatchObject({ file: '第1轮.xlsx', round: 1, year: 2023, problems: [] });
  expect(prev.townships.map((t) => [t.township, t.round, t.findings.map((f) => f.id)])).toEqual([
    ['柳河镇', 1, ids[0]],
    ['杨集乡', 1, ids[1]],
  ]);
});

test('a 轮次 or 乡镇 spoiled by hand is named at its cell and that row is left out of the comparison', () => {
  const { grid } = firstRound();
  // the rows under the header: 柳河镇's findings first
  grid.rows[2][2] = '第一轮';
  grid.rows[3][0] = null;
  const prev: PreviousRound = readPreviousRound({ name: '第1轮.xlsx', sheets: [grid] }, '第1轮.xlsx');
  expect(prev.problems).toEqual([
    '“第1轮.xlsx”‘审核明细’表 C3的轮次“第一轮”无法识别（应为“第1轮”这样的写法），这一行没有用于比较。',
    '“第1轮.xlsx”‘审核明细’表 A4没有乡镇名称，这一行没有用于比较。',
  ]);
});

test('a sheet named 审核明细 that the tool did not write is not a previous round', () => {
  const own: Grid = { name: '审核明细', rows: [['乡镇', '问题', '整改情况'], ['柳河镇', '持证人数填错', '已改']] };
  expect(() => readPreviousRound({ name: '柳河镇.xlsx', sheets: [own] }, '柳河镇.xlsx')).toThrow(CountyRoundError);
});

test('a township that corrects its figure: its finding of the round before is 已改正, matched by id', () => {
  const { grid, errors } = firstRound();
  const prev = readPreviousRound({ name: '第1轮.xlsx', sheets: [grid] }, '第1轮.xlsx');
  const fixed = countyInput('柳河镇-改.xlsx', '柳河镇', check(township('柳河镇人民政府', 12)));
  const round = countyRound([fixed.status], prev);
  const t = round.byFile.get('柳河镇-改.xlsx')!;
  expect(t.state).toBe('resubmitted');
  expect(t.fixed.map((f) => f.id)).toEqual(errors);
  expect(t.counts).toMatchObject({ fixed: 1, new: 0 });
  expect(round.missing.map((m) => m.township)).toEqual(['杨集乡']);
  expect(round.round).toBe(2);
});

/**
 * A county summary's 合计 row: its rate is checked against the column sums only when the township rows pair the two
 * parts up. The county workbook `merge` writes computes each 合计 rate over only the townships giving both parts (a
 * township giving the 化解数 alone, or more resolved than received, is left out and named in the note), so its
 * 合计 rate differs from 合计化解数 ÷ 合计受理数 — that is not an error (issue 14). Each township's row is still checked.
 */
import { check } from '../../src/core/check';
import type { Cell, Finding } from '../../src/core/types';
import { grid } from './extract-helpers';

const HEADER = ['序号', '乡镇', '受理信访案件（件）', '化解信访案件（件）', '信访案件化解率（%）', '行政执法人员（人）', '持证人数（人）'];

function summary(rows: Cell[][]) {
  const g = grid('汇总表', [['示范县2023年度乡镇法治政府建设主要指标汇总表'], HEADER, ...rows]);
  return check({ name: '全县汇总.xlsx', sheets: [g] }, { year: 2023 });
}

const at = (findings: Finding[], cell: string) => findings.filter((f) => f.sheet === '汇总表' && f.cell === cell).map((f) => f.rule);

describe('the 合计 row of a county summary', () => {
  test('a 合计 rate over only the townships giving both parts (as merge writes it) is not flagged', () => {
    // 白楼镇 gives the 化解数 alone: the county rate is (35+40)/(37+42) = 94.9 %, not (35+40+12)/(37+42) = 110.1 %
    const r = summary([
      [1, '周营镇', 37, 35, 94.6, 12, 12],
      [2, '前营乡', 42, 40, 95.2, 10, 9],
      [3, '白楼镇', null, 12, null, 8, 8],
      [null, '合计', 79, 87, 94.9, 30, 29],
    ]);
    expect(at(r.findings, 'E6')).toEqual([]);
    expect(at(r.findings, 'D6')).toEqual([]);
    // and no county rate is recomputed from sums over different townships (the draft would print 110.1 %)
    expect(r.rates.filter((x) => x.entity === '合计' && x.indicator === 'petition_resolution_rate')).toEqual([]);
  });

  test('a township with more resolved than received is left out of the 合计 rate, and flagged at its own row', () => {
    const r = summary([
      [1, '周营镇', 37, 35, 94.6, 12, 12],
      [2, '前营乡', 42, 40, 95.2, 10, 9],
      [3, '白楼镇', 13, 15, 115.4, 8, 8],
      [null, '合计', 92, 90, 94.9, 30, 29],
    ]);
    expect(at(r.findings, 'E6')).toEqual([]);
    expect(at(r.findings, 'D5')).toContain('part-exceeds-whole');
  });

  test('where every township gives both parts, a wrong 合计 rate is still an error at its cell', () => {
    const r = summary([
      [1, '周营镇', 37, 35, 94.6, 12, 12],
      [2, '前营乡', 42, 40, 95.2, 10, 9],
      [null, '合计', 79, 75, 98, 22, 21],
    ]);
    const f = r.findings.find((x) => x.cell === 'E5' && x.rule === 'rate-mismatch');
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('94.9%');
  });

  test('合计 parts summed over different townships are not compared with each other; a township whose part exceeds its whole is', () => {
    // 前营乡 gives 持证人数 without 行政执法人员: 合计持证 21 > 合计执法人员 12 says nothing about any township
    const paired = summary([
      [1, '周营镇', 37, 35, 94.6, 12, 12],
      [2, '前营乡', 42, 40, 95.2, null, 9],
      [null, '合计', 79, 75, 94.9, 12, 21],
    ]);
    expect(at(paired.findings, 'G5')).toEqual([]);
    const both = summary([
      [1, '周营镇', 37, 35, 94.6, 12, 12],
      [2, '前营乡', 42, 40, 95.2, 10, 9],
      [null, '合计', 79, 75, 94.9, 22, 25],
    ]);
    expect(at(both.findings, 'G5')).toContain('part-exceeds-whole');
  });
});

/**
 * One line per finding, from the finding's own fields: on the sample workbooks as the real engine checks them, and on
 * hand-built findings for the cases the samples do not plant.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG } from '../../src/core/catalog';
import { check } from '../../src/core/check';
import { findingLine, severityLabel } from '../../src/core/present';
import type { CheckResult, Finding } from '../../src/core/types';
import { readXlsx } from '../../src/file';

const DIR = path.resolve(__dirname, '..', '..', 'assets', 'samples');

async function sample(name: string): Promise<CheckResult> {
  const book = await readXlsx(new Uint8Array(fs.readFileSync(path.join(DIR, name))), name);
  return check(book);
}

function lineAt(r: CheckResult, cell: string, rule: string): string {
  const f = r.findings.find((x) => x.cell === cell && x.rule === rule);
  if (!f) throw new Error(`no ${rule} at ${cell}`);
  return findingLine(f, { catalog: r.catalog, observations: r.observations }).text;
}

describe('findingLine on the 周营镇 sample', () => {
  let r: CheckResult;
  beforeAll(async () => {
    r = await sample('周营镇-2023-指标.xlsx');
  });

  it('a reported 100% over 7 of 9: mark, cell, indicator, found → expected', () => {
    expect(lineAt(r, 'D6', 'rate-mismatch')).toBe('● D6 信访案件化解率 100% → 77.8%');
  });

  it('14 certified of 12 officers: the part and its whole', () => {
    expect(lineAt(r, 'D5', 'part-exceeds-whole')).toBe('● D5 持证人数 14人 > 12人');
  });

  it('全覆盖 stays as the township wrote it, a 待核实 mark', () => {
    expect(lineAt(r, 'D6', 'coverage-claim')).toBe('▲ D6 法律顾问覆盖率 全覆盖 → 90.0%');
  });

  it('the same indicator written twice: both figures', () => {
    expect(lineAt(r, 'D4', 'conflicting-values')).toMatch(/^▲ D4 行政村（社区）数 20个? ≠ 21个?$/);
  });

  it('every line is one line, far shorter than its sentence, and names no sheet twice', () => {
    for (const f of r.findings) {
      const line = findingLine(f, { catalog: r.catalog, observations: r.observations }).text;
      expect(line).not.toMatch(/\n|undefined|null|NaN/);
      expect(line.length).toBeLessThan(Math.min(48, f.message.length));
    }
  });
});

describe('findingLine without the samples', () => {
  const base = { id: 'x', sheet: '行政执法', refs: [], entity: null, message: '…', status: 'open' as const };

  it('a rate with no expected value (its counts are over 100% or flagged) advises no number', () => {
    const f: Finding = { ...base, rule: 'rate-mismatch', severity: 'error', cell: 'D6', indicators: ['certification_rate'], expected: null, actual: 100 };
    expect(findingLine(f, { catalog: CATALOG }).text).toBe('● D6 持证率 100% → 先核对分子、分母');
  });

  it('a summary row names its township; a hint gets ○; an unknown label is quoted', () => {
    const f: Finding = { ...base, sheet: '汇总表', rule: 'sum-mismatch', severity: 'error', cell: 'I15', indicators: ['publicity_events'], entity: '合计', expected: 525, actual: 505 };
    expect(findingLine(f, { catalog: CATALOG }).text).toBe('● I15 合计 普法宣传活动 505场次 → 525场次');
    const u: Finding = { ...base, rule: 'unknown-indicator', severity: 'hint', cell: 'B13', indicators: [], label: '开展扫黑除恶专项宣传' };
    expect(findingLine(u).text).toBe('○ B13 “开展扫黑除恶专项宣传”未识别的指标');
  });

  it('a finding about the whole workbook has no cell', () => {
    const f: Finding = { ...base, sheet: '', cell: '', rule: 'workbook-templates', severity: 'hint', indicators: [] };
    expect(findingLine(f).text).toBe('○ 工作簿自带报告模板，未采用');
  });

  it('severity words: one vocabulary, the audit term in brackets where asked', () => {
    expect(severityLabel('error')).toBe('错误');
    expect(severityLabel('verify', true)).toBe('待核实（核实性）');
  });
});

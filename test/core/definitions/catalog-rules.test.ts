/**
 * The catalog's relations written as county rules (the text the blank template prefills in 审核规则): each one
 * parses, names exactly the relation's indicators, and on the sample workbooks fails exactly where the built-in
 * rule finds the relation broken — no more, no fewer — and each break is then one finding, the county's.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG } from '../../../src/core/catalog';
import { check } from '../../../src/core/check';
import { parseRule } from '../../../src/core/definitions/expr';
import { catalogRuleRows, compileRule, relationAsRule } from '../../../src/core/definitions/rules';
import type { CountyDefinitions } from '../../../src/core/definitions/types';
import type { Finding, Relation } from '../../../src/core/types';
import { readXlsx } from '../../../src/file';

const DIR = path.resolve(__dirname, '..', '..', '..', 'assets', 'samples');
const SAMPLES = fs.readdirSync(DIR).filter((f) => f.endsWith('.xlsx'));

const ids = (r: Relation): string[] =>
  r.kind === 'part-of' ? [r.part, r.whole] : r.kind === 'rate' ? [r.rate, r.numerator, r.denominator] : [r.total, ...r.parts];

describe('the catalog relations as rules', () => {
  it('writes each relation as a rule that parses and names exactly its indicators', () => {
    const rows = catalogRuleRows(CATALOG, { file: '空白模板.xlsx' });
    expect(rows).toHaveLength(CATALOG.relations.length);
    CATALOG.relations.forEach((rel, i) => {
      const text = relationAsRule(rel, CATALOG);
      expect(rows[i].text).toBe(text);
      expect(parseRule(text).ok).toBe(true);
      const c = compileRule(rows[i], CATALOG);
      if (!c.ok) throw new Error(`${text}: ${c.problem}`);
      expect(c.rule.refs.map((r) => r.id)).toEqual(ids(rel));
    });
    expect(relationAsRule({ kind: 'part-of', part: 'certified_officers', whole: 'enforcement_officers' }, CATALOG)).toBe('[持证人数] <= [行政执法人员]');
    expect(relationAsRule({ kind: 'rate', rate: 'certification_rate', numerator: 'certified_officers', denominator: 'enforcement_officers' }, CATALOG)).toBe(
      '[持证率] = [持证人数] / [行政执法人员]',
    );
    expect(rows[0]).toMatchObject({ at: { file: '空白模板.xlsx', sheet: '审核规则', cell: 'A2', row: 1 }, severity: 'error' });
    expect(rows[0].message).toMatch(/^“.+”不能多于“.+”$/);
  });

  /** The catalog relation a built-in finding reports broken (its index), or -1. */
  function relationOf(f: Finding): number {
    return CATALOG.relations.findIndex((r) => {
      if (f.rule === 'part-exceeds-whole') return r.kind === 'part-of' && f.indicators.join() === ids(r).join();
      if (f.rule === 'rate-mismatch' || (f.rule === 'coverage-claim' && f.indicators.length === 1)) return r.kind === 'rate' && r.rate === f.indicators[0];
      if (f.rule === 'sum-mismatch' && f.indicators.length > 1) return r.kind === 'sum' && f.indicators.join() === ids(r).join();
      return false;
    });
  }

  /** A broken relation as the built-in rules report it: relation index | entity | period | cell. */
  function builtIn(findings: Finding[]): string[] {
    const out = findings.filter((f) => relationOf(f) >= 0).map((f) => `${relationOf(f)}|${f.entity ?? ''}|${f.sheet}!${f.cell}`);
    return [...new Set(out)].sort();
  }

  const definitions: CountyDefinitions = { name: '空白模板.xlsx', indicators: [], rules: catalogRuleRows(CATALOG, { file: '空白模板.xlsx' }) };

  it.each(SAMPLES)('%s: the rules fail exactly where the built-in relation rules do, and each break is found once', async (name) => {
    const book = await readXlsx(fs.readFileSync(path.join(DIR, name)), name);
    const plain = check(book);
    const withRules = check(book, { definitions });
    const customs = withRules.findings.filter((f) => f.rule === 'custom');
    const custom = customs.map((f) => `${f.ruleAt!.row - 1}|${f.entity ?? ''}|${f.sheet}!${f.cell}`);
    expect([...new Set(custom)].sort()).toEqual(builtIn(plain.findings));
    expect(withRules.findings.filter((f) => f.rule === 'rule-invalid')).toEqual([]);
    // one broken relation is one finding, the county's: the built-in finding at those cells is left out, every other stays
    expect(withRules.findings.filter((f) => f.rule !== 'custom').map((f) => f.id)).toEqual(plain.findings.filter((f) => relationOf(f) < 0).map((f) => f.id));
    expect(withRules.findings).toHaveLength(plain.findings.length);
    for (const f of plain.findings.filter((x) => relationOf(x) >= 0)) {
      expect(customs.filter((c) => [...c.refs].sort().join() === [...f.refs].sort().join())).toHaveLength(1);
    }
    const s = withRules.customRules!;
    expect(s.counts.passed + s.counts.failed + s.counts.undetermined + s.counts['not-evaluable']).toBe(CATALOG.relations.length);
  });

  it('周营镇: the planted 7-of-9 rate and the 14-of-12 officers fail as rules, each once', async () => {
    const name = '周营镇-2023-指标.xlsx';
    const book = await readXlsx(fs.readFileSync(path.join(DIR, name)), name);
    const r = check(book, { definitions });
    const custom = r.findings.filter((f) => f.rule === 'custom');
    expect(custom.map((f) => `${f.sheet}!${f.cell}`)).toEqual(expect.arrayContaining(['矛盾纠纷化解!D6', '行政执法!D5']));
    const rate = custom.find((f) => f.cell === 'D6' && f.sheet === '矛盾纠纷化解')!;
    expect(rate.message).toContain('依据空白模板.xlsx ‘审核规则’表 A');
    expect(rate.refs).toEqual(expect.arrayContaining(['矛盾纠纷化解!D4', '矛盾纠纷化解!D5', '矛盾纠纷化解!D6']));
    expect(r.customRules!.counts.failed).toBeGreaterThanOrEqual(2);
  });
});

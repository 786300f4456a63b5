import fc from 'fast-check';
import { CATALOG } from '../../src/core/catalog';
import { applyExplanations, countFindings, findingId, fnv1a, parseWhere, showObs, sortFindings, whereText } from '../../src/core/findings';
import { RULE_FUNCTIONS, RULES, type WorkbookRuleId } from '../../src/core/rules';
import { COUNTY_RULE_IDS } from '../../src/core/rule-meta';
import type { RuleId } from '../../src/core/types';
import { expectCleanMessage, obs, run } from './rules-fixtures';

describe('unknown-indicator', () => {
  it('offers the suggestion in the message', () => {
    const f = run([], {
      rules: ['unknown-indicator'],
      extra: {
        unknown: [
          { label: '开展扫黑除恶', raw: '开展扫黑除恶', sheet: '普法', cell: 'B12', suggestion: { id: 'publicity_events', name: '普法宣传活动', score: 0.4 } },
          { label: '其他事项', raw: '其他事项', sheet: '普法', cell: 'B13', suggestion: null },
        ],
      },
    });
    expect(f).toHaveLength(2);
    expect(f[0]).toMatchObject({ severity: 'hint', cell: 'B12', indicators: [] });
    expect(f[0].message).toBe(
      '‘普法’表 B12的“开展扫黑除恶”未能对应到指标目录，是否为“普法宣传活动”？如是，请改用目录中的名称；如不是，这一行的数字不参与审核，报告文稿按原名称写入（县里的报告模板设为不写入时除外）。',
    );
    expect(f[1].message).not.toContain('是否为');
    f.forEach(expectCleanMessage);
  });

  it('says a figure without a label cannot reach the report (issue 11: every other row does)', () => {
    const f = run([], { rules: ['unknown-indicator'], extra: { unknown: [{ label: '', raw: '21', sheet: '行政执法', cell: 'D9', suggestion: null }] } });
    expect(f[0].message).toBe('‘行政执法’表 D9的数字“21”所在的行没有名称，不参与审核，也不能写入报告文稿。请在这一行填写指标（或乡镇）的名称。');
    f.forEach(expectCleanMessage);
  });

  it('keeps its id when the row moves', () => {
    const at = (cell: string) =>
      run([], { rules: ['unknown-indicator'], extra: { unknown: [{ label: '开展扫黑除恶', raw: '开展扫黑除恶', sheet: '普法', cell, suggestion: null }] } })[0].id;
    expect(at('B12')).toBe(at('B14'));
  });
});

describe('numbering', () => {
  it('1、 then 四、 at the same level: a hint at the odd one', () => {
    const f = run([], {
      rules: ['numbering'],
      extra: {
        headings: [
          { text: '1、法治宣传教育', sheet: '指标', cell: 'A3' },
          { text: '（一）普法', sheet: '指标', cell: 'A4' },
          { text: '四、行政执法', sheet: '指标', cell: 'A20' },
        ],
      },
    });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'hint', cell: 'A20', actual: '一、', expected: '1、' });
    expect(f[0].message).toContain('“四、”');
    expect(f[0].message).toContain('‘指标’表 A3');
    expectCleanMessage(f[0]);
  });

  it('consistent numbering, and different levels (一、 with （1） and 1.), give nothing', () => {
    const f = run([], {
      rules: ['numbering'],
      extra: {
        headings: [
          { text: '一、法治宣传教育', sheet: '指标', cell: 'A3' },
          { text: '（1）普法', sheet: '指标', cell: 'A4' },
          { text: '1.宣传', sheet: '指标', cell: 'A5' },
          { text: '二、行政执法', sheet: '指标', cell: 'A20' },
        ],
      },
    });
    expect(f).toEqual([]);
  });
});

describe('sheet-truncated', () => {
  it('an error naming the sheet, rows read and total, at the first unread row', () => {
    const f = run([], { rules: ['sheet-truncated'], sheets: [{ name: '汇总', truncated: { rowsRead: 5000, rowsTotal: 20000 } }, { name: '指标' }] });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', sheet: '汇总', cell: 'A5001' });
    expect(f[0].message).toMatch(/20000行.*前5000行/);
    expectCleanMessage(f[0]);
  });
});

describe('uncalculated-formula', () => {
  it('an error at the first formula without a stored result, with how many there are and what to do', () => {
    const f = run([], { rules: ['uncalculated-formula'], sheets: [{ name: '汇总', uncalculated: { count: 12, row: 10, col: 3 } }, { name: '指标' }] });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', sheet: '汇总', cell: 'D11', actual: 12 });
    expect(f[0].message).toMatch(/12个公式单元格.*D11.*打开、保存后重新审核/);
    expectCleanMessage(f[0]);
  });
});

describe('where a finding is', () => {
  it('names sheet and cell as a clerk reads them, and parses back', () => {
    expect(whereText('矛盾纠纷', 'D11')).toBe('‘矛盾纠纷’表 D11');
    expect(whereText('汇总', 'D11', '张庄镇')).toBe('‘汇总’表 D11（张庄镇）');
    expect(whereText('汇总表', 'I15')).toBe('‘汇总表’ I15');
    expect(parseWhere('‘矛盾纠纷’表 D11')).toEqual({ sheet: '矛盾纠纷', cell: 'D11' });
    expect(parseWhere('‘汇总’表 D11（张庄镇）')).toEqual({ sheet: '汇总', cell: 'D11' });
    expect(parseWhere('‘汇总表’ I15')).toEqual({ sheet: '汇总表', cell: 'I15' });
    expect(parseWhere('普法表B12')).toEqual({ sheet: '普法', cell: 'B12' });
    expect(parseWhere('工作簿')).toBeNull();
  });
});

describe('figures in messages', () => {
  it('are quoted as written, with the unit added to a bare figure', () => {
    expect(showObs(obs({ indicator: 'petitions_received', cell: 'B3', value: 37 }))).toBe('37件');
    expect(showObs(obs({ indicator: 'petitions_received', cell: 'B3', value: 37, raw: '37件' }))).toBe('37件');
    expect(showObs(obs({ indicator: 'exam_expected', cell: 'B3', value: 120, raw: '120余', markers: ['余'] }))).toBe('120余人');
    expect(showObs(obs({ indicator: 'disputes_received', cell: 'B3', value: 20, raw: '二十余件', markers: ['余'] }))).toBe('二十余件');
    expect(showObs(obs({ indicator: 'fines', cell: 'B3', value: 1.3, raw: '1.3万', wan: true }))).toBe('1.3万元');
    expect(showObs(obs({ indicator: 'certification_rate', cell: 'B3', value: 98, raw: '0.98' }))).toBe('98%');
    expect(showObs(obs({ indicator: 'certification_rate', cell: 'B3', value: 94.6, raw: '94.6%' }))).toBe('94.6%');
  });
});

describe('finding ids', () => {
  it('FNV-1a is the standard one (test vectors)', () => {
    expect(fnv1a('')).toBe('811c9dc5');
    expect(fnv1a('a')).toBe('e40c292c');
    expect(fnv1a('foobar')).toBe('bf9cf968');
  });

  it('ignore indicator order and depend on rule, entity and period', () => {
    const a = findingId('part-exceeds-whole', null, 'current', ['b', 'a']);
    expect(a).toBe(findingId('part-exceeds-whole', null, 'current', ['a', 'b']));
    expect(a).toMatch(/^[0-9a-f]{8}$/);
    expect(a).not.toBe(findingId('part-exceeds-whole', '张庄镇', 'current', ['a', 'b']));
    expect(a).not.toBe(findingId('part-exceeds-whole', null, 'previous', ['a', 'b']));
    expect(a).not.toBe(findingId('sum-mismatch', null, 'current', ['a', 'b']));
  });

  it('a rate-mismatch keeps its id when the rows move', () => {
    const at = (r: number) =>
      run(
        [
          obs({ indicator: 'petitions_received', cell: `B${r}`, value: 9 }),
          obs({ indicator: 'petitions_resolved', cell: `B${r + 1}`, value: 7 }),
          obs({ indicator: 'petition_resolution_rate', cell: `B${r + 2}`, value: 100 }),
        ],
        { rules: ['rate-mismatch'] },
      )[0].id;
    expect(at(3)).toBe(at(10));
  });

  it('are unique within a result even when two findings share rule and indicators', () => {
    const f = run(
      [
        obs({ indicator: 'team_members', cell: 'B3', value: 2.5 }),
        obs({ indicator: 'team_members', cell: 'B9', value: 3.5 }),
      ],
      { rules: ['not-integer'] },
    );
    expect(f).toHaveLength(2);
    expect(f[0].id).not.toBe(f[1].id);
  });
});

describe('rule metadata', () => {
  it('has a function, a title and the contract severity for every rule id', () => {
    const severities: Record<WorkbookRuleId, string> = {
      'unparseable-value': 'error',
      'formula-error': 'error',
      'not-integer': 'error',
      negative: 'error',
      'out-of-range': 'error',
      'part-exceeds-whole': 'error',
      'rate-mismatch': 'error',
      'sum-mismatch': 'error',
      'sheet-truncated': 'error',
      'uncalculated-formula': 'error',
      'sheet-unreadable': 'error',
      'ambiguous-label': 'hint',
      'mapping-invalid': 'hint',
      'definition-invalid': 'hint',
      'conflicting-values': 'verify',
      'coverage-claim': 'verify',
      'year-mismatch': 'verify',
      'large-change': 'verify',
      'missing-required': 'verify',
      'approximate-rate': 'hint',
      'rate-truncated': 'hint',
      'unknown-indicator': 'hint',
      numbering: 'hint',
      'workbook-templates': 'hint',
      custom: 'error',
      'rule-invalid': 'error',
    };
    for (const [id, sev] of Object.entries(severities) as [WorkbookRuleId, string][]) {
      expect(RULES[id].severity).toBe(sev);
      expect(RULES[id].title).toMatch(/[\u4e00-\u9fff]/);
      expect(typeof RULE_FUNCTIONS[id]).toBe('function');
    }
    // the county's rules run across townships (src/core/county), not on one workbook: they have no RULE_FUNCTIONS entry
    expect(Object.keys(RULES).filter((id) => !COUNTY_RULE_IDS.includes(id as RuleId)).sort()).toEqual(Object.keys(severities).sort());
    expect(COUNTY_RULE_IDS.length).toBeGreaterThan(0);
  });
});

describe('order, counts and explanations', () => {
  const mixed = () =>
    run(
      [
        obs({ indicator: 'petitions_received', sheet: '矛盾纠纷', cell: 'B3', value: 9 }),
        obs({ indicator: 'petitions_resolved', sheet: '矛盾纠纷', cell: 'B4', value: 7 }),
        obs({ indicator: 'petition_resolution_rate', sheet: '矛盾纠纷', cell: 'B5', value: 100 }),
        obs({ indicator: 'materials', sheet: '普法', cell: 'B9', value: 30000 }),
        obs({ indicator: 'materials', sheet: '普法', cell: 'C9', value: 3000, period: 'previous', year: 2023 }),
        obs({ indicator: 'team_members', sheet: '普法', cell: 'B3', value: 2.5 }),
      ],
      { rules: ['rate-mismatch', 'large-change', 'not-integer'], sheets: [{ name: '普法' }, { name: '矛盾纠纷' }] },
    );

  it('sorts by severity, then sheet order, row and column', () => {
    expect(mixed().map((f) => [f.severity, f.sheet, f.cell])).toEqual([
      ['error', '普法', 'B3'],
      ['error', '矛盾纠纷', 'B5'],
      ['verify', '普法', 'B9'],
    ]);
    const shuffled = [...mixed()].reverse();
    expect(sortFindings(shuffled, ['普法', '矛盾纠纷']).map((f) => f.cell)).toEqual(['B3', 'B5', 'B9']);
  });

  it('an explanation closes a verify finding but never an error', () => {
    const f = mixed();
    const text = '今年开展“八五”普法集中宣传月，资料印发量大幅增加。';
    applyExplanations(f, f.map((x) => ({ findingId: x.id, text })));
    const verify = f.find((x) => x.severity === 'verify')!;
    expect(verify).toMatchObject({ status: 'explained', explanation: text });
    const errors = f.filter((x) => x.severity === 'error');
    expect(errors).toHaveLength(2);
    expect(errors.every((x) => x.status === 'open' && x.explanation === undefined)).toBe(true);
    // an explanation on an error is the township's dispute of it (乡镇异议): counted apart, the error still open
    expect(errors.every((x) => x.account?.state === 'disputed')).toBe(true);
    expect(countFindings(f)).toEqual({ error: 2, verify: 0, hint: 0, explained: 1, accepted: 0, stale: 0, returned: 0, disputed: 2 });
  });
});

describe('no false positives', () => {
  /** A complete, consistent workbook: every required indicator, rates that agree with their parts. */
  function consistent() {
    return [
      obs({ indicator: 'leading_group', cell: 'B2', value: true, raw: '是' }),
      obs({ indicator: 'special_meetings', cell: 'B3', value: 4 }),
      obs({ indicator: 'center_group_study', cell: 'B4', value: 12 }),
      obs({ indicator: 'publicity_events', cell: 'B5', value: 36 }),
      obs({ indicator: 'materials', cell: 'B6', value: 3000, markers: ['余'], raw: '3000余份' }),
      obs({ indicator: 'materials', cell: 'C6', value: 2800, period: 'previous', year: 2023 }),
      obs({ indicator: 'petitions_received', cell: 'B7', value: 48 }),
      obs({ indicator: 'petitions_resolved', cell: 'B8', value: 45 }),
      obs({ indicator: 'petition_resolution_rate', cell: 'B9', value: 93.8 }),
      obs({ indicator: 'disputes_received', cell: 'B10', value: 37 }),
      obs({ indicator: 'disputes_mediated', cell: 'B11', value: 35 }),
      obs({ indicator: 'dispute_mediation_rate', cell: 'B12', value: 94.6 }),
      obs({ indicator: 'enforcement_officers', cell: 'B13', value: 20 }),
      obs({ indicator: 'certified_officers', cell: 'B14', value: 20 }),
      obs({ indicator: 'certification_rate', cell: 'B15', value: 100 }),
      obs({ indicator: 'villages', cell: 'B16', value: 20 }),
      obs({ indicator: 'villages_with_counsel', cell: 'B17', value: 20 }),
      obs({ indicator: 'counsel_coverage_rate', cell: 'B18', value: 100, raw: '全覆盖', coverage: true, decimals: null }),
      obs({ indicator: 'legal_counsels', cell: 'B19', value: 9 }),
      obs({ indicator: 'town_counsels', cell: 'B20', value: 1 }),
      obs({ indicator: 'village_counsels', cell: 'B21', value: 8 }),
      obs({ indicator: 'petitions_received', sheet: '汇总', cell: 'B7', value: 48 }),
    ];
  }

  it('a consistent extraction gives no finding at all', () => {
    expect(run(consistent(), { extra: { headings: [{ text: '一、普法', sheet: '指标', cell: 'A1' }, { text: '二、执法', sheet: '指标', cell: 'A9' }] } })).toEqual([]);
  });

  it('every message of every rule is a clean sentence (property: random figures)', () => {
    const ids = CATALOG.indicators.filter((d) => d.kind !== 'text').map((d) => d.id);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            indicator: fc.constantFrom(...ids),
            row: fc.integer({ min: 1, max: 40 }),
            value: fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.double({ min: -1, max: 200, noNaN: true }), fc.constant(null)),
            period: fc.constantFrom('current' as const, 'previous' as const, 'other' as const),
            entity: fc.constantFrom(null, '张庄镇'),
            approx: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        (rows) => {
          const list = rows.map((r, i) =>
            obs({
              indicator: r.indicator,
              cell: `${'BCD'[i % 3]}${r.row}`,
              value: r.value,
              period: r.period,
              year: r.period === 'current' ? 2024 : r.period === 'previous' ? 2023 : 2021,
              entity: r.entity,
              markers: r.approx && r.value != null ? ['余'] : [],
            }),
          );
          const f = run(list);
          f.forEach(expectCleanMessage);
          expect(new Set(f.map((x) => x.id)).size).toBe(f.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('findings do not depend on the order the extractor lists observations in (property)', () => {
    const ids = ['petitions_received', 'petitions_resolved', 'petition_resolution_rate', 'villages', 'villages_with_counsel', 'materials'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            indicator: fc.constantFrom(...ids),
            value: fc.integer({ min: 0, max: 120 }),
            sheet: fc.constantFrom('甲', '乙'),
            period: fc.constantFrom('current' as const, 'previous' as const),
          }),
          { maxLength: 16 },
        ),
        fc.nat(),
        (rows, seed) => {
          const list = rows.map((r, i) =>
            obs({ ...r, cell: `B${i + 2}`, year: r.period === 'current' ? 2024 : 2023 }),
          );
          const shuffled = [...list].sort((a, b) => ((a.row * 7919 + seed) % 101) - ((b.row * 7919 + seed) % 101) || a.row - b.row);
          const sheets = [{ name: '甲' }, { name: '乙' }];
          expect(run(shuffled, { sheets })).toEqual(run(list, { sheets }));
        },
      ),
      { numRuns: 100 },
    );
  });
});

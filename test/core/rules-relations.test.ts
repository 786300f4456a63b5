import { computeRates } from '../../src/core/rules';
import { CATALOG } from '../../src/core/catalog';
import { expectCleanMessage, obs, ofRule, run } from './rules-fixtures';

const S = '矛盾纠纷';

/** received / resolved / reported resolution rate on one sheet. */
function petitions(received: number, resolved: number, rate?: number | null, more: Partial<Parameters<typeof obs>[0]> = {}) {
  const list = [
    obs({ indicator: 'petitions_received', cell: 'B3', sheet: S, value: received, ...more }),
    obs({ indicator: 'petitions_resolved', cell: 'B4', sheet: S, value: resolved, ...more }),
  ];
  if (rate !== undefined) list.push(obs({ indicator: 'petition_resolution_rate', cell: 'B5', sheet: S, value: rate, ...more }));
  return list;
}

describe('computeRates', () => {
  it('computes every catalog rate whose parts are present, reported or not', () => {
    const rates = computeRates(
      [
        ...petitions(48, 45),
        obs({ indicator: 'enforcement_officers', cell: 'B8', value: 20 }),
        obs({ indicator: 'certified_officers', cell: 'B9', value: 18 }),
        obs({ indicator: 'certification_rate', cell: 'B10', value: 90 }),
      ],
      CATALOG,
    );
    const byId = new Map(rates.map((r) => [r.indicator, r]));
    expect(byId.get('petition_resolution_rate')).toMatchObject({ value: 93.75, display: '93.8%', reported: null, approx: false });
    expect(byId.get('certification_rate')!.display).toBe('90.0%');
    expect(byId.get('certification_rate')!.reported!.cell).toBe('B10');
    expect(rates).toHaveLength(2);
  });

  it('takes the parts beside the reported rate before a copy elsewhere in the workbook', () => {
    const [r] = computeRates([
      obs({ indicator: 'villages', sheet: '基本情况', cell: 'B7', value: 21 }),
      obs({ indicator: 'villages', sheet: '法律服务', cell: 'D4', value: 20 }),
      obs({ indicator: 'villages_with_counsel', sheet: '法律服务', cell: 'D5', value: 18 }),
      obs({ indicator: 'counsel_coverage_rate', sheet: '法律服务', cell: 'D6', value: 90 }),
    ]);
    expect(r.denominator.cell).toBe('D4');
    expect(r.display).toBe('90.0%');
  });

  it('gives null and — when the denominator is 0', () => {
    const [r] = computeRates(petitions(0, 0));
    expect(r.value).toBeNull();
    expect(r.display).toBe('—');
  });

  it('keeps entities and periods apart and marks approximate parts', () => {
    const rates = computeRates([
      ...petitions(20, 19, undefined, { entity: '张庄镇', cell: 'C3' }).map((o, i) => ({ ...o, cell: `C${3 + i}`, row: 2 + i })),
      obs({ indicator: 'petitions_received', cell: 'D3', entity: '李集镇', value: 20, markers: ['余'] }),
      obs({ indicator: 'petitions_resolved', cell: 'D4', entity: '李集镇', value: 18 }),
      obs({ indicator: 'petitions_received', cell: 'E3', value: 40, period: 'previous', year: 2023 }),
      obs({ indicator: 'petitions_resolved', cell: 'E4', value: 40, period: 'previous', year: 2023 }),
    ]);
    expect(rates.map((r) => [r.entity, r.period, r.display, r.approx])).toEqual([
      ['张庄镇', 'current', '95.0%', false],
      ['李集镇', 'current', '90.0%', true],
      [null, 'previous', '100%', false],
    ]);
  });
});

describe('rate-mismatch', () => {
  it('7 of 9 reported as 100%: one error at the rate cell, expected 77.8, refs to all three cells', () => {
    const f = run(petitions(9, 7, 100), { rules: ['rate-mismatch', 'coverage-claim'] });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'rate-mismatch', severity: 'error', sheet: S, cell: 'B5', expected: 77.8, actual: 100 });
    expect(f[0].refs.sort()).toEqual(['矛盾纠纷!B3', '矛盾纠纷!B4', '矛盾纠纷!B5']);
    expect(f[0].message).toContain('77.8%');
    expect(f[0].message).toContain('‘矛盾纠纷’表 B5');
    expectCleanMessage(f[0]);
  });

  it('45 of 48 reported as 93.8% (or 94%) is consistent: no finding at all', () => {
    expect(run(petitions(48, 45, 93.8), { rules: ['rate-mismatch', 'approximate-rate', 'coverage-claim'] })).toEqual([]);
    expect(run(petitions(48, 45, 94), { rules: ['rate-mismatch'] })).toEqual([]);
  });

  it('45 of 48 reported as 98%: 93.75 is 4.25 points away, more than the ±0.5 of a whole percent', () => {
    const f = run(petitions(48, 45, 98), { rules: ['rate-mismatch'] });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ expected: 93.8, actual: 98 });
  });

  it('7 of 9 written 77.7% (or 77%) is the rate cut, not rounded: a rate-truncated hint naming 77.8% (78%), no error', () => {
    const f = run(petitions(9, 7, 77.7), { rules: ['rate-mismatch', 'rate-truncated'] });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'rate-truncated', severity: 'hint', cell: 'B5', expected: 77.8, actual: 77.7 });
    expect(f[0].message).toContain('77.78%');
    expect(f[0].message).toContain('应为77.8%');
    expectCleanMessage(f[0]);
    const whole = run(petitions(9, 7, 77), { rules: ['rate-mismatch', 'rate-truncated'] });
    expect(whole.map((x) => [x.rule, x.expected])).toEqual([['rate-truncated', 78]]);
    // near misses: 77.8% is right (nothing), 77.6% is neither rounded nor cut (an error, not a hint)
    expect(run(petitions(9, 7, 77.8), { rules: ['rate-mismatch', 'rate-truncated'] })).toEqual([]);
    expect(run(petitions(9, 7, 77.6), { rules: ['rate-mismatch', 'rate-truncated'] }).map((x) => x.rule)).toEqual(['rate-mismatch']);
  });

  it('uses the precision written: 93.6% (one decimal) is off by more than 0.05', () => {
    expect(run(petitions(48, 45, 93.6), { rules: ['rate-mismatch'] })).toHaveLength(1);
  });

  it('a reported rate with a marker is the range it names: 95%以上 over 97 of 100 agrees, over 90 of 100 does not', () => {
    const at = (resolved: number) => [
      obs({ indicator: 'petitions_received', cell: 'B3', sheet: S, value: 100 }),
      obs({ indicator: 'petitions_resolved', cell: 'B4', sheet: S, value: resolved }),
      obs({ indicator: 'petition_resolution_rate', cell: 'B5', sheet: S, value: 95, markers: ['以上'], raw: '95%以上' }),
    ];
    expect(run(at(97), { rules: ['rate-mismatch'] })).toEqual([]);
    const f = run(at(90), { rules: ['rate-mismatch'] });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ expected: 90, actual: 95 });
  });

  it('14 certified of 12 officers reported as 100%: no advice to write 116.7% — the two counts are to be checked first', () => {
    const f = ofRule(
      run(
        [
          obs({ indicator: 'enforcement_officers', sheet: '行政执法', cell: 'D4', value: 12 }),
          obs({ indicator: 'certified_officers', sheet: '行政执法', cell: 'D5', value: 14 }),
          obs({ indicator: 'certification_rate', sheet: '行政执法', cell: 'D6', value: 100 }),
        ],
        { rules: ['rate-mismatch', 'part-exceeds-whole'] },
      ),
      'rate-mismatch',
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).not.toMatch(/请改为|116\.7/);
    expect(f[0].message).toContain('比率不能超过100%');
    expect(f[0].message).toContain('‘行政执法’表 D5');
    expect(f[0].expected).toBeNull();
    expect(f[0].actual).toBe(100);
    expectCleanMessage(f[0]);
  });

  it('a rate whose denominator is itself flagged (行政村数 21 in one sheet, 20 in another) says so instead of advising 90.0%', () => {
    const f = ofRule(
      run(
        [
          obs({ indicator: 'villages', sheet: '基本情况', cell: 'B7', value: 21 }),
          obs({ indicator: 'villages', sheet: '法律服务', cell: 'D4', value: 20 }),
          obs({ indicator: 'villages_with_counsel', sheet: '法律服务', cell: 'D5', value: 18 }),
          obs({ indicator: 'counsel_coverage_rate', sheet: '法律服务', cell: 'D6', value: 95 }),
        ],
        { rules: ['rate-mismatch', 'conflicting-values'] },
      ),
      'rate-mismatch',
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).not.toContain('请改为');
    expect(f[0].message).toContain('这两个数字本身也有问题（见‘法律服务’表 D4的审核结果）');
    expect(f[0].expected).toBeNull();
    // without the conflicting-values finding, the advice stands
    const alone = run(
      [obs({ indicator: 'villages', sheet: '法律服务', cell: 'D4', value: 20 }), obs({ indicator: 'villages_with_counsel', sheet: '法律服务', cell: 'D5', value: 18 }), obs({ indicator: 'counsel_coverage_rate', sheet: '法律服务', cell: 'D6', value: 95 })],
      { rules: ['rate-mismatch', 'conflicting-values'] },
    );
    expect(alone[0]).toMatchObject({ rule: 'rate-mismatch', expected: 90 });
    expect(alone[0].message).toContain('请改为90.0%');
  });

  it('with approximate parts, flags only a rate no reading of the parts can give', () => {
    const approx = (rate: number) => [
      obs({ indicator: 'petitions_received', cell: 'B3', sheet: S, value: 20, markers: ['余'] }),
      obs({ indicator: 'petitions_resolved', cell: 'B4', sheet: S, value: 18 }),
      obs({ indicator: 'petition_resolution_rate', cell: 'B5', sheet: S, value: rate }),
    ];
    // 18 of "二十余" is at most 90 %: 88% is possible, 95% is not.
    expect(ofRule(run(approx(88), { rules: ['rate-mismatch'] }), 'rate-mismatch')).toEqual([]);
    const f = run(approx(95), { rules: ['rate-mismatch'] });
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('90.0%');
    expectCleanMessage(f[0]);
  });
});

describe('coverage-claim', () => {
  const counsel = (withCounsel: number, raw = '全覆盖') => [
    obs({ indicator: 'villages', cell: 'B3', sheet: '法律服务', value: 20 }),
    obs({ indicator: 'villages_with_counsel', cell: 'B4', sheet: '法律服务', value: withCounsel }),
    obs({ indicator: 'counsel_coverage_rate', cell: 'B5', sheet: '法律服务', value: 100, raw, coverage: true, decimals: null }),
  ];

  it('全覆盖 while 18 of 20 villages have counsel: a verify finding, not a rate-mismatch', () => {
    const f = run(counsel(18), { rules: ['coverage-claim', 'rate-mismatch'] });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'coverage-claim', severity: 'verify', cell: 'B5', expected: 90, actual: 100 });
    expect(f[0].message).toContain('全覆盖');
    expect(f[0].message).toContain('90.0%');
    expectCleanMessage(f[0]);
  });

  it('全覆盖 with 20 of 20 is fine', () => {
    expect(run(counsel(20), { rules: ['coverage-claim', 'rate-mismatch'] })).toEqual([]);
  });

  it('a plain 100% over 18 of 20 is a rate-mismatch error', () => {
    const list = counsel(18);
    list[2] = { ...list[2], coverage: false, raw: '100%', decimals: 0 };
    const f = run(list, { rules: ['coverage-claim', 'rate-mismatch'] });
    expect(f.map((x) => x.rule)).toEqual(['rate-mismatch']);
  });

  it('a part written 全部 whose figure is below its whole', () => {
    const f = run(
      [
        obs({ indicator: 'villages', cell: 'B3', value: 20 }),
        obs({ indicator: 'villages_with_counsel', cell: 'B4', value: 18, raw: '全部（18个）', coverage: true }),
      ],
      { rules: ['coverage-claim'] },
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: 'B4', expected: 20, actual: 18 });
    expect(f[0].refs).toEqual(['指标!B4', '指标!B3']);
    expectCleanMessage(f[0]);
  });
});

describe('approximate-rate', () => {
  it('a rate over 二十余件 is a hint, at the reported rate cell', () => {
    const f = run(
      [
        obs({ indicator: 'disputes_received', cell: 'B3', value: 20, markers: ['余'], raw: '二十余件' }),
        obs({ indicator: 'disputes_mediated', cell: 'B4', value: 19 }),
        obs({ indicator: 'dispute_mediation_rate', cell: 'B5', value: 95 }),
      ],
      { rules: ['approximate-rate', 'rate-mismatch'] },
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'approximate-rate', severity: 'hint', cell: 'B5', indicators: ['dispute_mediation_rate'] });
    expect(f[0].message).toContain('二十余件');
    expect(f[0].message).toContain('95.0%');
    expectCleanMessage(f[0]);
  });

  it('no hint over exact figures', () => {
    expect(run(petitions(48, 45), { rules: ['approximate-rate'] })).toEqual([]);
  });
});

describe('part-exceeds-whole', () => {
  it('more certified officers than officers: error at the part, refs both cells', () => {
    const f = run(
      [
        obs({ indicator: 'enforcement_officers', cell: 'B3', sheet: '执法', value: 12 }),
        obs({ indicator: 'certified_officers', cell: 'B4', sheet: '执法', value: 15 }),
      ],
      { rules: ['part-exceeds-whole'] },
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', cell: 'B4', expected: 12, actual: 15 });
    expect(f[0].refs).toEqual(['执法!B4', '执法!B3']);
    expect(f[0].indicators.sort()).toEqual(['certified_officers', 'enforcement_officers']);
    expect(f[0].message).toMatch(/持证人数.*15人.*行政执法人员.*12人/);
    expectCleanMessage(f[0]);
  });

  it('equal is fine; 3050 against 3000余 is not certainly larger', () => {
    expect(
      run([obs({ indicator: 'enforcement_officers', cell: 'B3', value: 12 }), obs({ indicator: 'certified_officers', cell: 'B4', value: 12 })], {
        rules: ['part-exceeds-whole'],
      }),
    ).toEqual([]);
    expect(
      run(
        [
          obs({ indicator: 'hotline_tickets', cell: 'B3', value: 3000, markers: ['余'] }),
          obs({ indicator: 'hotline_closed', cell: 'B4', value: 3050 }),
        ],
        { rules: ['part-exceeds-whole'] },
      ),
    ).toEqual([]);
  });

  it('compares only the same township and period', () => {
    const f = run(
      [
        obs({ indicator: 'enforcement_officers', cell: 'B3', value: 12 }),
        obs({ indicator: 'certified_officers', cell: 'C4', value: 15, period: 'previous', year: 2023 }),
        obs({ indicator: 'certified_officers', cell: 'D4', value: 15, entity: '张庄镇' }),
      ],
      { rules: ['part-exceeds-whole'] },
    );
    expect(f).toEqual([]);
  });
});

describe('sum-mismatch', () => {
  it('legal counsels ≠ town + village counsels: error at the total', () => {
    const f = run(
      [
        obs({ indicator: 'legal_counsels', cell: 'B3', value: 10 }),
        obs({ indicator: 'town_counsels', cell: 'B4', value: 2 }),
        obs({ indicator: 'village_counsels', cell: 'B5', value: 7 }),
      ],
      { rules: ['sum-mismatch'] },
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', cell: 'B3', expected: 9, actual: 10 });
    expect(f[0].refs).toEqual(['指标!B3', '指标!B4', '指标!B5']);
    expectCleanMessage(f[0]);
  });

  it('no finding when the parts add up, or when approximate parts could add up', () => {
    const parts = (total: number, markers: ('余' | '近')[] = []) => [
      obs({ indicator: 'legal_counsels', cell: 'B3', value: total }),
      obs({ indicator: 'town_counsels', cell: 'B4', value: 2 }),
      obs({ indicator: 'village_counsels', cell: 'B5', value: 20, markers }),
    ];
    expect(run(parts(22), { rules: ['sum-mismatch'] })).toEqual([]);
    expect(run(parts(25, ['余']), { rules: ['sum-mismatch'] })).toEqual([]);
    // 20余 + 2 is at least 22: a total of 15 is certainly wrong
    expect(run(parts(15, ['余']), { rules: ['sum-mismatch'] })).toHaveLength(1);
  });

  it('summary table: the 合计 row against the sum of the township rows', () => {
    const rows = [
      obs({ indicator: 'petitions_received', sheet: '汇总', cell: 'C3', entity: '张庄镇', value: 10 }),
      obs({ indicator: 'petitions_received', sheet: '汇总', cell: 'C4', entity: '李集镇', value: 12 }),
      obs({ indicator: 'petitions_received', sheet: '汇总', cell: 'C5', entity: '王营镇' }),
      obs({ indicator: 'petitions_received', sheet: '汇总', cell: 'C6', entity: null, isTotal: true, value: 25 }),
      // rates of a 合计 row are not sums
      obs({ indicator: 'petition_resolution_rate', sheet: '汇总', cell: 'E3', entity: '张庄镇', value: 90 }),
      obs({ indicator: 'petition_resolution_rate', sheet: '汇总', cell: 'E4', entity: '李集镇', value: 80 }),
      obs({ indicator: 'petition_resolution_rate', sheet: '汇总', cell: 'E6', entity: null, isTotal: true, value: 85 }),
    ];
    const f = run(rows, { rules: ['sum-mismatch'] });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: 'C6', expected: 22, actual: 25, indicators: ['petitions_received'] });
    expect(f[0].refs).toEqual(['汇总!C6', '汇总!C3', '汇总!C4']);
    expect(f[0].message).toContain('合计');
    expectCleanMessage(f[0]);
    rows[3] = { ...rows[3], value: 22, raw: '22' };
    expect(run(rows, { rules: ['sum-mismatch'] })).toEqual([]);
  });

  it('townships as columns: the message speaks of the 合计 column and the townships left of it (field test)', () => {
    const cols = [
      obs({ indicator: 'publicity_events', sheet: '汇总', cell: 'D7', entity: '周营镇', value: 100 }),
      obs({ indicator: 'publicity_events', sheet: '汇总', cell: 'E7', entity: '前营乡', value: 18 }),
      obs({ indicator: 'publicity_events', sheet: '汇总', cell: 'F7', entity: '合计', isTotal: true, value: 108 }),
    ];
    const [f] = run(cols, { rules: ['sum-mismatch'] });
    expect(f).toMatchObject({ cell: 'F7', expected: 118, actual: 108 });
    expect(f.message).toContain('合计列');
    expect(f.message).toContain('左边2个单位');
    expect(f.message).not.toContain('上面');
    expectCleanMessage(f);
  });
});
